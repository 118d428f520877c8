/** A response's status and headers (names in lower case). */
export interface HttpHead {
  status: number;
  headers: Map<string, string>;
}

/** Reads a response head (the bytes before the blank line); undefined when it is not HTTP/1.x. */
export function parseHttpHead(bytes: Buffer): HttpHead | undefined {
  const [statusLine, ...lines] = bytes.toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1];
  if (status === undefined) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { status: Number(status), headers };
}

/**
 * An S3 error answer as the SDK would have thrown it — `name` the S3 code from the XML body (or
 * NotFound, as the SDK names a bare 404), `$metadata.httpStatusCode` — so describeS3Error maps it
 * as it maps every other.
 */
export function httpError(status: number, body: string): Error {
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]{0,500})<\/Message>/.exec(body)?.[1];
  const name = code ?? (status === 404 ? 'NotFound' : status === 412 ? 'PreconditionFailed' : 'UnknownError');
  return Object.assign(new Error(message ?? `the server answered ${status}`), {
    name,
    ...(code === undefined ? {} : { Code: code }),
    $metadata: { httpStatusCode: status },
  });
}
