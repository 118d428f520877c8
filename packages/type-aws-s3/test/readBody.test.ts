import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { BodyDigestMismatch } from '../src/errors/BodyDigestMismatch';
import { readBody } from '../src/io/readBody';

// readBody's own edges. Bodies from real servers, cut short on the wire or corrupted at rest, are
// in downloads.test.ts, errors.test.ts and faults.test.ts; the streams here reach the paths no
// server produces on demand (a body destroyed without a reason, or before it is read).

const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

/** A body that gives `parts` one per turn of the event loop, then ends. */
function bodyOf(parts: Buffer[]): PassThrough {
  const body = new PassThrough();
  void (async () => {
    for (const part of parts) {
      body.write(part);
      await new Promise((resolve) => setImmediate(resolve));
    }
    body.end();
  })();
  return body;
}

const listeners = (body: PassThrough): number =>
  ['data', 'end', 'error', 'close'].reduce((sum, event) => sum + body.listenerCount(event), 0);

describe('readBody', () => {
  it('joins a body of many chunks, hashed as they arrive, and leaves no listener behind', async () => {
    const parts = [randomBytes(1000), randomBytes(3000), randomBytes(7)];
    const whole = Buffer.concat(parts);
    const body = bodyOf(parts);
    const bytes = await readBody(body, whole.length, md5(whole));
    expect(bytes.equals(whole)).toBe(true);
    expect(listeners(body)).toBe(0);
  });

  it('hands back a body of one chunk as that chunk, checked in one call', async () => {
    const part = randomBytes(4096);
    const body = new PassThrough();
    body.end(part);
    const bytes = await readBody(body, 4096, md5(part));
    expect(bytes).toBe(part);
  });

  it('checks an empty body against the MD5 of nothing', async () => {
    const empty = Buffer.alloc(0);
    await expect(readBody(bodyOf([]), 0, md5(empty))).resolves.toHaveLength(0);
    await expect(readBody(bodyOf([]), 0, md5(Buffer.from('x')))).rejects.toBeInstanceOf(BodyDigestMismatch);
  });

  it('fails a body whose MD5 differs, of one chunk or of many', async () => {
    const parts = [randomBytes(10), randomBytes(10)];
    const wrong = md5(Buffer.from('other'));
    await expect(readBody(bodyOf(parts.slice(0, 1)), 10, wrong)).rejects.toBeInstanceOf(BodyDigestMismatch);
    await expect(readBody(bodyOf(parts), 20, wrong)).rejects.toThrow(`its ETag says ${wrong}`);
  });

  it('fails a body that ends short of its Content-Length as cut short, before its MD5', async () => {
    const part = randomBytes(50);
    await expect(readBody(bodyOf([part]), 100, md5(part))).rejects.toMatchObject({
      code: 'ECONNRESET',
      message: 'response cut short: got 50 of 100 bytes',
    });
  });

  it('passes on the error a body is destroyed with', async () => {
    const body = new PassThrough();
    body.write(randomBytes(10));
    const reading = readBody(body, 100, undefined);
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    setImmediate(() => body.destroy(reset));
    await expect(reading).rejects.toBe(reset);
    expect(listeners(body)).toBe(0);
  });

  it('fails, never hangs, on a body destroyed without a reason', async () => {
    const body = new PassThrough();
    body.write(randomBytes(10));
    const reading = readBody(body, undefined, undefined);
    setImmediate(() => body.destroy());
    await expect(reading).rejects.toMatchObject({
      code: 'ECONNRESET',
      message: 'response cut short: the stream closed after 10 bytes',
    });
  });

  it('fails at once on a body destroyed before it was read', async () => {
    const quiet = new PassThrough();
    quiet.destroy();
    await expect(readBody(quiet, 10, undefined)).rejects.toMatchObject({ code: 'ECONNRESET' });
    const failed = new PassThrough();
    const cause = new Error('socket hang up');
    failed.on('error', () => undefined);
    failed.destroy(cause);
    await expect(readBody(failed, 10, undefined)).rejects.toBe(cause);
  });

  it('reads a body without a Content-Length or an MD5 to promise', async () => {
    const parts = [Buffer.from('a'), Buffer.from('bc')];
    await expect(readBody(bodyOf(parts), undefined, undefined)).resolves.toEqual(Buffer.from('abc'));
  });
});
