import { ElementError, interpolateEnv } from '@mti/core';

const where = { element: 'storages.MyS3', file: 'storages/MyS3/MyS3.json' };

describe('interpolateEnv', () => {
  const env = { KEY: 'AKIA1', EMPTY: '', REGION: 'eu-west-1' };

  it('resolves ${VAR} and ${VAR:-default} in every string, at any depth', () => {
    const out = interpolateEnv(
      { id: '${KEY}', region: '${MISSING:-us-east-1}', nested: { list: ['${REGION}', 'x-${KEY}-y'] }, n: 3, b: true },
      env,
      where,
    );
    expect(out).toEqual({
      id: 'AKIA1',
      region: 'us-east-1',
      nested: { list: ['eu-west-1', 'x-AKIA1-y'] },
      n: 3,
      b: true,
    });
  });

  it('uses the default for an empty variable, and the empty value for a bare reference', () => {
    expect(interpolateEnv({ a: '${EMPTY:-fallback}', b: '${EMPTY}', c: '${MISSING:-}' }, env, where)).toEqual({
      a: 'fallback',
      b: '',
      c: '',
    });
  });

  it('keeps $${VAR} literal', () => {
    expect(interpolateEnv({ a: 'cost $${KEY}' }, env, where)).toEqual({ a: 'cost ${KEY}' });
  });

  it('names the variable, the element, the file and the field of an unset variable', () => {
    const error = catchError(() => interpolateEnv({ creds: { secret: '${S3_SECRET}' } }, env, where));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe('creds.secret');
    expect(error.element).toBe('storages.MyS3');
    expect(error.message).toContain('S3_SECRET is not set');
    expect(error.message).toContain('storages.MyS3');
    expect(error.message).toContain('storages/MyS3/MyS3.json');
    expect(error.message).toContain('"creds.secret"');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s at any depth', (key) => {
    const parsed: unknown = JSON.parse(`{"ok": 1, "deep": {"list": [{"${key}": {"polluted": true}}]}}`);
    const error = catchError(() => interpolateEnv(parsed, env, where));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe(`deep.list.0.${key}`);
    expect(error.message).toContain(`"${key}"`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not touch its input', () => {
    const input = { a: '${KEY}' };
    interpolateEnv(input, env, where);
    expect(input).toEqual({ a: '${KEY}' });
  });
});

function catchError(run: () => unknown): ElementError {
  try {
    run();
  } catch (error) {
    if (ElementError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an ElementError');
}
