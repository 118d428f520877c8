/** What StreamUpload reads parts through: a stream's chunks, or a file read in place. */
export interface PartReader {
  /** Bytes handed out so far: the source's length once `ended`. */
  readonly bytesRead: number;
  readonly ended: boolean;
  /** Fills `into` from its start; fewer bytes than its length only at the end of the source. */
  fill(into: Buffer): Promise<number>;
  /** Up to `limit` bytes, as few buffers as the source allows, for a source that may be small. */
  take(limit: number): Promise<Buffer[]>;
  /** Whether the source has nothing left. */
  atEnd(): Promise<boolean>;
}
