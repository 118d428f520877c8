/** What `mti serve` hands `verifySignedForm` for a form POSTed to `/api/signed/<element>/<key>`. */
export interface SignedFormRequest {
  /** The key from the URL path, decoded. */
  key: string;
  /** The form's fields sent before the file, by name. */
  fields: Record<string, unknown>;
}

/** A form whose signature checked out: where to store the file, as which type, within which sizes. */
export interface VerifiedForm {
  key: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
}
