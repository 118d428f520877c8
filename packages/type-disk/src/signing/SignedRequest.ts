/** What `mti serve` hands `verifySignedRequest` for a request on `/api/signed/<element>/<key>`. */
export interface SignedRequest {
  method: string;
  /** The key from the URL path, decoded. */
  key: string;
  /** The query string's parameters, decoded. */
  query: Record<string, unknown>;
  /** The request's Content-Type header (a PUT must send the signed one). */
  contentType?: string | undefined;
}

/** A request whose signature checked out: what to serve or store, and as which type. */
export interface VerifiedRequest {
  key: string;
  contentType: string;
}
