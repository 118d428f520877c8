import { AwsS3Type } from '@mti/type-aws-s3';

/**
 * A team-style extension that records the S3 commands its client sends, to show how an
 * operation reached the server (batches, parts). Give its Instance settings no other element
 * shares (e.g. its own timeoutMs): clients are pooled per settings.
 */
export class CountingS3Type extends AwsS3Type {
  readonly sent: string[] = [];
  /** The memory each UploadPart's body was sent from, in order: shows whether buffers are reused. */
  readonly partMemory: ArrayBufferLike[] = [];
  /** The size of the memory each PutObject's body was sent from: a view of a part buffer shows. */
  readonly putMemoryBytes: number[] = [];
  #counting = false;

  /** The instance itself: a handle forwards calls, this hands out what they run on. */
  async self(): Promise<this> {
    return this;
  }

  startCounting(): void {
    if (this.#counting) return;
    this.#counting = true;
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        this.sent.push(String(context.commandName));
        const body = (args.input as { Body?: unknown }).Body;
        if (context.commandName === 'UploadPartCommand' && body instanceof Uint8Array)
          this.partMemory.push(body.buffer);
        if (context.commandName === 'PutObjectCommand' && body instanceof Uint8Array)
          this.putMemoryBytes.push(body.buffer.byteLength);
        return next(args);
      },
      { step: 'initialize', name: `countCommands-${this.fullName}` },
    );
  }

  count(command: string): number {
    return this.sent.filter((name) => name === command).length;
  }
}

export const countingTypeRecord = {
  folder: 'storages/CountingType',
  declaration: { title: 'Counting', type: 'storages.AwsS3Type' },
  implementation: CountingS3Type,
};
