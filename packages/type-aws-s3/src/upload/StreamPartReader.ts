import type { Readable } from 'node:stream';
import type { PartReader } from './PartReader';

/**
 * Cuts a stream into parts by copying its chunks into buffers the caller lends, so an upload can
 * reuse `queueSize` part buffers for any length of stream. (lib-storage joins each part into a
 * fresh buffer instead; on a 1 GiB upload those buffers waited for V8's mark-compacts in their
 * dozens: docs/BENCHMARKS.md, finding 4.)
 */
export class StreamPartReader implements PartReader {
  readonly #chunks: AsyncIterator<unknown>;
  readonly #invalidData: (detail: string) => Error;
  /** What is left of a chunk that crossed the end of the previous part. */
  #carry: Buffer | undefined;
  #ended = false;
  #bytesRead = 0;

  /** `invalidData` makes the error for a chunk that is not bytes. */
  constructor(source: Readable, invalidData: (detail: string) => Error) {
    this.#chunks = source[Symbol.asyncIterator]();
    this.#invalidData = invalidData;
  }

  /** Bytes handed out so far: the stream's length once `ended`. */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  get ended(): boolean {
    return this.#ended && this.#carry === undefined;
  }

  /** Fills `into` from its start; fewer bytes than its length only at the end of the stream. */
  async fill(into: Buffer): Promise<number> {
    let filled = 0;
    while (filled < into.length) {
      const chunk = this.#carry ?? (await this.#next());
      this.#carry = undefined;
      if (chunk === undefined) break;
      const copied = chunk.copy(into, filled);
      filled += copied;
      if (copied < chunk.length) this.#carry = chunk.subarray(copied);
    }
    this.#bytesRead += filled;
    return filled;
  }

  /**
   * Up to `limit` bytes as the chunks the stream gave, not copied: a stream that turns out to fit
   * in one request then costs its own size, not a part-sized buffer. Only for a small limit:
   * `fill` is not built on this because chunks held for a whole part before being copied stay
   * in the heap as garbage (8 MiB more at the peak of a 1 GiB upload, docs/BENCHMARKS.md,
   * finding 4); it copies each chunk as it arrives.
   */
  async take(limit: number): Promise<Buffer[]> {
    const chunks: Buffer[] = [];
    let taken = 0;
    while (taken < limit) {
      const chunk = this.#carry ?? (await this.#next());
      this.#carry = undefined;
      if (chunk === undefined) break;
      const piece = chunk.subarray(0, limit - taken);
      if (piece.length < chunk.length) this.#carry = chunk.subarray(piece.length);
      chunks.push(piece);
      taken += piece.length;
    }
    this.#bytesRead += taken;
    return chunks;
  }

  /** Whether the stream has nothing left, reading ahead one chunk to know. */
  async atEnd(): Promise<boolean> {
    if (this.#carry === undefined) this.#carry = await this.#next();
    return this.#carry === undefined;
  }

  async #next(): Promise<Buffer | undefined> {
    // An empty chunk says nothing about the end; skip it rather than count it as a part.
    for (;;) {
      if (this.#ended) return undefined;
      const next = await this.#chunks.next();
      if (next.done === true) {
        this.#ended = true;
        return undefined;
      }
      const chunk = toBuffer(next.value);
      if (chunk === undefined) {
        const got = next.value === null ? 'null' : typeof next.value;
        throw this.#invalidData(`data is a stream that gave a chunk of ${got}, not bytes or a string`);
      }
      if (chunk.length > 0) return chunk;
    }
  }
}

function toBuffer(chunk: unknown): Buffer | undefined {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  // A stream with an encoding set hands out strings; lib-storage sends those as UTF-8 too.
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return undefined;
}
