// What `getSignUploadForm` takes and answers: here rather than in one Type, so every Type that
// offers it (storages.AwsS3Type, storages.DiskType) takes the same options and answers alike.

export interface UploadFormOptions {
  /** The largest file the form stores, in bytes (1 to 5 GiB): larger ones are refused by the server. */
  maxBytes: number;
  /** The smallest, in bytes (0 to maxBytes; default 0). */
  minBytes?: number;
  /** Seconds the form may be used for (1 to 604800, default 300). */
  expires?: number;
}

/**
 * A browser upload form: POST `url` as multipart/form-data with every one of `fields` as given,
 * then the file in a field named `file`, last (servers read the fields before the file). The
 * signature covers the key, the Content-Type field, the size bounds and the expiry: a file of
 * another size or type is refused, and nothing of it is stored.
 */
export interface SignedUploadForm {
  url: string;
  method: 'POST';
  fields: Record<string, string>;
}
