import { ElementError, ElementNotFoundError, ErrorCode, StorageError, scrubSecrets } from '@mti/core';

describe('ElementError', () => {
  it('carries a stable code and where the problem is', () => {
    const error = new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      message: 'm',
      element: 'a.B',
      file: 'a/B/B.json',
      field: 'x',
    });
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      element: 'a.B',
      file: 'a/B/B.json',
      field: 'x',
      name: 'ElementError',
    });
    expect(ElementError.hasCode(error, 'INVALID_CONFIG')).toBe(true);
    expect(ElementError.hasCode(error, 'NOT_FOUND')).toBe(false);
  });

  it('is() recognises errors from a second copy of the package, where instanceof cannot', () => {
    let Copy: typeof ElementError | undefined;
    let CopyStorage: typeof StorageError | undefined;
    jest.isolateModules(() => {
      // A fresh module registry loads the classes again, as a duplicate package install would.
      ({ ElementError: Copy, StorageError: CopyStorage } = require('../src/index') as typeof import('../src/index'));
    });
    expect(Copy).toBeDefined();
    expect(Copy).not.toBe(ElementError);
    const foreign = new CopyStorage!({
      code: 'NOT_FOUND',
      element: 'a.B',
      storageType: 't.T',
      operation: 'download',
      key: 'k',
      detail: 'd',
    });
    expect(foreign instanceof ElementError).toBe(false);
    expect(ElementError.is(foreign)).toBe(true);
    expect(StorageError.is(foreign)).toBe(true);
    expect(StorageError.is(new ElementError({ code: 'UNKNOWN', message: 'x' }))).toBe(false);
    expect(ElementError.is({ code: 'NOT_FOUND', message: 'lookalike' })).toBe(false);
    expect(ElementError.is(null)).toBe(false);
  });
});

describe('StorageError', () => {
  it('reads as element (type): operation "key" failed: CODE: detail', () => {
    const cause = new Error('NoSuchKey');
    const error = new StorageError({
      code: 'NOT_FOUND',
      element: 'storages.MyS3',
      storageType: 'storages.AwsS3Type',
      operation: 'download',
      key: 'docs/a.pdf',
      detail: 'no such object in bucket "reports"',
      cause,
    });
    expect(error.message).toBe(
      'storages.MyS3 (storages.AwsS3Type): download "docs/a.pdf" failed: NOT_FOUND: no such object in bucket "reports"',
    );
    expect(error).toMatchObject({
      storageType: 'storages.AwsS3Type',
      element: 'storages.MyS3',
      operation: 'download',
      key: 'docs/a.pdf',
      cause,
    });
    expect(error).toBeInstanceOf(ElementError);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'NOT_FOUND',
      operation: 'download',
      key: 'docs/a.pdf',
    });
  });

  it('leaves the key out when an operation has none', () => {
    const error = new StorageError({
      code: 'UNAVAILABLE',
      element: 'e.E',
      storageType: 't.T',
      operation: 'list',
      detail: 'down',
    });
    expect(error.message).toBe('e.E (t.T): list failed: UNAVAILABLE: down');
  });
});

describe('ElementNotFoundError', () => {
  it('is NOT_FOUND and lists suggestions', () => {
    const error = new ElementNotFoundError('storages.Mys3', ['storages.MyS3']);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('no element "storages.Mys3" in this app; did you mean "storages.MyS3"?');
  });
});

describe('scrubSecrets', () => {
  it('replaces secret values in messages, stacks, nested fields and causes', () => {
    const inner = Object.assign(new Error('canonical request had x-amz-security-token:TOKEN-1234'), {
      $metadata: { note: 'TOKEN-1234' },
    });
    const outer = new Error('signature for SECRET-5678 failed', { cause: inner });
    scrubSecrets(outer, ['SECRET-5678', 'TOKEN-1234', 'ab']);
    expect(outer.message).toBe('signature for REDACTED failed');
    expect(outer.stack).not.toContain('SECRET-5678');
    expect(inner.message).toBe('canonical request had x-amz-security-token:REDACTED');
    expect(inner.$metadata.note).toBe('REDACTED');
  });

  // A session token with the characters each encoding treats differently (`/+=` in base64 and
  // URLs, `!'()*` which SigV4 escapes and encodeURIComponent does not).
  const token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+Dx=!(sess)*'tok";
  const canonical = (lead: string) => `${lead}GET\n/b/k\n\nhost:s3\nx-amz-security-token:${token}\n\nhost`;
  /** Every 4-character piece of the token: none may survive in any form. */
  const pieces = [...token].map((_, i) => token.slice(i, i + 4)).filter((piece) => piece.length === 4);
  const scrubbed = (text: string): string => scrubSecrets({ text }, [token]).text;

  it('finds the secret URL-encoded, as encodeURIComponent and as SigV4 write it', () => {
    const query =
      "?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQ%2BDx%3D!(sess)*'tok" +
      '&signed=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQ%2BDx%3D%21%28sess%29%2A%27tok';
    expect(scrubbed(query)).toBe('?X-Amz-Security-Token=REDACTED&signed=REDACTED');
  });

  it.each([0, 1, 2])('finds the secret in base64 of a longer text, %i bytes off alignment', (lead) => {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const encoded = Buffer.from(canonical('x'.repeat(lead))).toString(alphabet);
      const decoded = Buffer.from(scrubbed(encoded), 'base64').toString('latin1');
      expect(decoded).toContain('x-amz-security-token:');
      expect(pieces.filter((piece) => decoded.includes(piece))).toEqual([]);
    }
  });

  it('finds the secret in hex: lowercase, uppercase, and bytes apart as S3 prints them', () => {
    const hex = Buffer.from(canonical('')).toString('hex');
    const spaced = (h: string) => h.replace(/(..)(?!$)/g, '$1 ');
    const formats = [(h: string) => h, (h: string) => h.toUpperCase(), spaced, (h: string) => spaced(h).toUpperCase()];
    for (const format of formats) {
      const text = scrubbed(format(hex));
      expect(text).toContain('REDACTED');
      const leftover = pieces.filter((piece) => text.includes(format(Buffer.from(piece).toString('hex'))));
      expect(leftover).toEqual([]);
    }
  });

  it('drops the request material of signature errors whole, even with no secret known', () => {
    // With the default credential chain the runtime never sees the token it should look for.
    const error = Object.assign(new Error('SignatureDoesNotMatch'), {
      CanonicalRequest: canonical(''),
      CanonicalRequestBytes: Buffer.from(canonical('')).toString('hex'),
      StringToSign: 'AWS4-HMAC-SHA256\n20260101T000000Z\nscope\nhash',
      StringToSignBytes: '41 57 53 34',
      $responseBodyText: `<Error><CanonicalRequest>${canonical('')}</CanonicalRequest><RequestId>R1</RequestId></Error>`,
      RequestId: 'R1',
    });
    scrubSecrets(error, []);
    expect(error).toMatchObject({
      CanonicalRequest: 'REDACTED',
      CanonicalRequestBytes: 'REDACTED',
      StringToSign: 'REDACTED',
      StringToSignBytes: 'REDACTED',
      $responseBodyText: '<Error><CanonicalRequest>REDACTED</CanonicalRequest><RequestId>R1</RequestId></Error>',
      RequestId: 'R1',
    });
  });

  it('scrubs a stack that was already formatted, and read-only fields that can be redefined', () => {
    const error = new Error(`denied for ${token}`);
    expect(error.stack).toContain(token);
    Object.defineProperty(error, 'detail', { value: `token ${token}`, writable: false, configurable: true });
    scrubSecrets(error, [token]);
    expect(error.stack).not.toContain(token);
    expect(error.stack).toContain('denied for REDACTED');
    expect((error as Error & { detail: string }).detail).toBe('token REDACTED');
  });
});
