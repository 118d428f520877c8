import { ElementError } from '@mti/core';
import { formatError } from '../src/output/formatError';

describe('formatError --verbose', () => {
  it('prints a cause without the request material a signature error carries', () => {
    const canonical = 'GET\n/b/k\n\nx-amz-security-token:cli-TOKEN-0007\n\nhost';
    const cause = Object.assign(new Error('The request signature we calculated does not match'), {
      name: 'SignatureDoesNotMatch',
      CanonicalRequest: canonical,
      CanonicalRequestBytes: Buffer.from(canonical)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
      RequestId: 'REQ0007',
    });
    const error = new ElementError({ code: 'ACCESS_DENIED', element: 'storages.MyS3', message: 'refused', cause });
    const printed = formatError(error, true);
    expect(printed).toContain("CanonicalRequestBytes: 'REDACTED'");
    expect(printed).toContain("RequestId: 'REQ0007'");
    expect(printed).not.toContain('cli-TOKEN-0007');
    expect(printed).not.toContain(
      Buffer.from('TOKEN')
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
    );
    expect(formatError(error)).toBe('mti: ACCESS_DENIED refused');
  });
});
