import { fstat, read, ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { PartReader } from './PartReader';

type FileStream = ReadStream & { start?: number; end?: number; fd: number | null };

/** Read ahead by `atEnd`, to tell the end of the file without a part's worth of reading. */
const PROBE_BYTES = 64 * 1024;

/**
 * Reads a file stream's bytes straight into the part buffers with positioned reads, instead of
 * through the stream's 64 KiB chunks, when nothing else has touched the stream: a 1 GiB upload
 * then allocates no chunk per read. Those chunks are garbage the moment they are copied, and
 * Node 24's V8 let about 50 MiB of them pile up early in a process before collecting them (a
 * 1 GiB upload peaked at 184 MiB RSS where Node 20 gave 143; docs/BENCHMARKS.md). It honours the
 * stream's `start` and `end`, and destroys the stream once done, as reading it to its end would
 * have closed it.
 */
export class FilePartReader implements PartReader {
  readonly #stream: FileStream;
  #position: number;
  /** Inclusive, as in `fs.createReadStream`. */
  readonly #end: number;
  #carry: Buffer | undefined;
  #ended = false;
  #bytesRead = 0;

  private constructor(stream: FileStream) {
    this.#stream = stream;
    this.#position = stream.start ?? 0;
    this.#end = stream.end ?? Number.POSITIVE_INFINITY;
  }

  /**
   * A reader for `source` when it is a file stream that nobody has read, listened to or given
   * an encoding; otherwise undefined, and the stream is read as any other.
   */
  static for(source: Readable): FilePartReader | undefined {
    if (!(source instanceof ReadStream)) return undefined;
    const stream = source as FileStream;
    const untouched =
      stream.bytesRead === 0 &&
      stream.readableFlowing === null &&
      stream.readableLength === 0 &&
      stream.readableEncoding === null &&
      !stream.destroyed &&
      stream.listenerCount('data') === 0 &&
      stream.listenerCount('readable') === 0;
    return untouched ? new FilePartReader(stream) : undefined;
  }

  get bytesRead(): number {
    return this.#bytesRead;
  }

  get ended(): boolean {
    return this.#ended && this.#carry === undefined;
  }

  async fill(into: Buffer): Promise<number> {
    let filled = 0;
    if (this.#carry !== undefined) {
      filled = this.#carry.copy(into);
      this.#carry = filled < this.#carry.length ? this.#carry.subarray(filled) : undefined;
    }
    while (filled < into.length && !this.#ended) {
      const got = await this.#readAt(into.subarray(filled));
      if (got === 0) break;
      filled += got;
    }
    this.#bytesRead += filled;
    return filled;
  }

  /**
   * Sized by what the file holds now, so a small file costs its own size; one that grows while
   * it is read is read on to `limit` all the same.
   */
  async take(limit: number): Promise<Buffer[]> {
    const size = await fileSize(await this.#fd());
    const chunks: Buffer[] = [];
    let taken = 0;
    while (taken < limit && !this.ended) {
      const left = Math.min(this.#end + 1, size) - this.#position;
      // One byte more than is left, so that the read that finds the end is this one.
      const buffer = Buffer.allocUnsafe(Math.min(limit - taken, Math.max(left + 1, PROBE_BYTES)));
      const length = await this.fill(buffer);
      if (length === 0) break;
      chunks.push(buffer.subarray(0, length));
      taken += length;
    }
    return chunks;
  }

  async atEnd(): Promise<boolean> {
    if (this.#carry !== undefined) return false;
    if (this.#ended) return true;
    const probe = Buffer.allocUnsafe(PROBE_BYTES);
    const got = await this.#readAt(probe);
    if (got > 0) this.#carry = probe.subarray(0, got);
    return got === 0;
  }

  /** One positioned read at the stream's position; 0 at the end, which it records. */
  async #readAt(into: Buffer): Promise<number> {
    const fd = await this.#fd();
    const wanted = Math.min(into.length, this.#end + 1 - this.#position);
    const got = wanted <= 0 ? 0 : await readInto(fd, into, wanted, this.#position);
    this.#position += got;
    if (got === 0) {
      this.#ended = true;
      // Done with the file: close it as the stream would have at its end.
      this.#stream.destroy();
    }
    return got;
  }

  /** The stream's descriptor, once it has opened the file (its open errors are ours). */
  async #fd(): Promise<number> {
    const stream = this.#stream;
    const open = descriptor(stream);
    if (open !== null) return open;
    await new Promise<void>((resolve, reject) => {
      const onReady = (): void => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        stream.off('ready', onReady);
        reject(error);
      };
      stream.once('ready', onReady);
      stream.once('error', onError);
    });
    const fd = descriptor(stream);
    if (fd === null) throw new Error('the file stream is ready but has no descriptor');
    return fd;
  }
}

/** Read through a call, so that TypeScript does not keep the value narrowed across an await. */
function descriptor(stream: FileStream): number | null {
  return typeof stream.fd === 'number' ? stream.fd : null;
}

function fileSize(fd: number): Promise<number> {
  return new Promise((resolve, reject) => fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats.size))));
}

function readInto(fd: number, into: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, into, 0, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead)));
  });
}
