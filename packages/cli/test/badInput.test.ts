import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ElementError, type ElementInfo } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { loadApp, type LoadedApp } from '@mti/loader';
import { createGateway } from '@mti/cli';
import type { FastifyInstance } from 'fastify';
import { s3Env, type RunningS3rver } from '../../loader/test/support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';

// The bad-input catalogue: every case gets its documented code and a message naming the field or
// the file, and nothing crashes the process or leaves a rejection unhandled.

interface Outcome {
  code: string;
  message: string;
  field?: string;
  file?: string;
  status?: number;
}
interface Case {
  input: string;
  run: () => Promise<Outcome>;
  code: string;
  says: string | RegExp;
  field?: string;
  file?: string;
  status?: number;
}

let server: RunningS3rver;
let folder: TempApp;
let app: LoadedApp;
let gateway: FastifyInstance;
let base: string;
let s3: AwsS3Type;

const badElements: Record<string, string | object> = {
  'storages/MissingBucket/MissingBucket.json': seedConfig({ bucketName: undefined }),
  'storages/MissingEndpoint/MissingEndpoint.json': seedConfig({ endPoint: undefined }),
  'storages/RegionType/RegionType.json': seedConfig({ region: 7 }),
  'storages/AttemptsType/AttemptsType.json': seedConfig({ maxAttempts: '3' }),
  'storages/UnsetVar/UnsetVar.json': seedConfig({ bucketName: '${MTI_NEVER_SET_ANYWHERE}' }),
  'storages/Malformed/Malformed.json': '{ "endPoint": "x", }',
  'storages/Proto/Proto.json':
    '{ "__proto__": { "polluted": true }, "endPoint": "x", "bucketName": "abc", "region": "us-east-1" }',
  'storages/Ctor/Ctor.json':
    '{ "constructor": { "prototype": {} }, "endPoint": "x", "bucketName": "abc", "region": "us-east-1" }',
  'storages/NestedProto/NestedProto.json':
    '{ "endPoint": "x", "bucketName": "abc", "region": "us-east-1", "multipart": { "prototype": 1 } }',
  'storages/Unknown/Unknown.json': seedConfig({ bucket: 'typo' }),
  'storages/HalfKeys/HalfKeys.json': seedConfig({ accessKeySecret: undefined }),
};

beforeAll(async () => {
  const started = await s3Env();
  server = started.server;
  const files: Record<string, string | object> = {
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig(),
    'storages/UnknownType/e.json': { title: 'x', type: 'storages.AwsS3Typ' },
    'storages/CycleA/e.json': { title: 'x', type: 'storages.CycleB' },
    'storages/CycleA/index.ts': "export { AwsS3Type as default } from '@mti/type-aws-s3';\n",
    'storages/CycleB/e.json': { title: 'x', type: 'storages.CycleA' },
    'storages/CycleB/index.ts': "export { AwsS3Type as default } from '@mti/type-aws-s3';\n",
    'storages/Bad-Name/e.json': seedDeclaration,
    'storages/Outside/e.json': { title: 'x', type: 'storages.AwsS3Type', backendBundleEntry: '../../..' },
    'storages/NoTitle/e.json': { type: 'storages.AwsS3Type' },
    'storages/BrokenDecl/e.json': '{ "title": "x" "type": "storages.AwsS3Type" }',
    'storages/OfMeta/e.json': { title: 'x', type: 'storages.Meta' },
  };
  for (const [path, content] of Object.entries(badElements)) {
    files[path] = content;
    files[path.replace(/[^/]+\.json$/, 'e.json')] = seedDeclaration;
  }
  folder = tempApp(files);
  app = await loadApp(folder.dir, { env: started.env });
  s3 = app.getElement<AwsS3Type>('storages.MyS3');
  gateway = createGateway({ app, bodyLimit: 2048, uploadLimit: 1024 });
  base = await gateway.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await gateway.close();
  await app.close();
  await server.stop();
  folder.cleanup();
});

async function caught(work: () => unknown): Promise<Outcome> {
  try {
    await work();
  } catch (error) {
    if (!ElementError.is(error)) throw error;
    return { code: error.code, message: error.message, field: error.field, file: error.file };
  }
  throw new Error('expected an error');
}

const call =
  (method: keyof AwsS3Type, ...args: unknown[]) =>
  () =>
    caught(() => (s3[method] as (...a: unknown[]) => Promise<unknown>)(...args));

function statusOf(fullName: string): () => Promise<Outcome> {
  return async () => {
    const found: ElementInfo | undefined = app.listElements().find((e) => e.fullName === fullName);
    if (found?.error === undefined) throw new Error(`${fullName} has no error`);
    return { code: found.error.code, message: found.error.message, field: found.error.field, file: found.error.file };
  };
}

function http(
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  return async (): Promise<Outcome> => {
    const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const answer = (await response.json()) as { code: string; message: string };
    return { ...answer, status: response.status };
  };
}

const expiresSays = /^.*expires must be a whole number of seconds from 1 to 604800/;
const cases: Case[] = [
  // Keys
  {
    input: 'key ""',
    run: call('download', ''),
    code: 'INVALID_ARGUMENT',
    says: 'name must not be empty',
    field: 'name',
  },
  {
    input: 'key of 1025 bytes',
    run: call('download', 'k'.repeat(1025)),
    code: 'INVALID_ARGUMENT',
    says: 'name is 1025 bytes in UTF-8; the limit is 1024',
    field: 'name',
  },
  {
    input: 'key of 513 two-byte characters',
    run: call('download', 'é'.repeat(513)),
    code: 'INVALID_ARGUMENT',
    says: 'name is 1026 bytes',
    field: 'name',
  },
  {
    input: 'key with LF',
    run: call('download', 'a\nb'),
    code: 'INVALID_ARGUMENT',
    says: 'name must not contain control characters',
    field: 'name',
  },
  {
    input: 'key with NUL',
    run: call('getObject', 'a\u0000b'),
    code: 'INVALID_ARGUMENT',
    says: 'control characters',
    field: 'name',
  },
  {
    input: 'key with TAB',
    run: call('delete', 'a\tb'),
    code: 'INVALID_ARGUMENT',
    says: 'control characters',
    field: 'name',
  },
  {
    input: 'key with DEL',
    run: call('exists', 'a\u007fb'),
    code: 'INVALID_ARGUMENT',
    says: 'control characters',
    field: 'name',
  },
  {
    input: 'key a/../b',
    run: call('download', 'a/../b'),
    code: 'INVALID_ARGUMENT',
    says: 'must not contain "." or ".." path segments',
    field: 'name',
  },
  {
    input: 'key ..',
    run: call('uploadByFile', '..', 'x'),
    code: 'INVALID_ARGUMENT',
    says: '".." path segments',
    field: 'name',
  },
  {
    input: 'key ./a',
    run: call('download', './a'),
    code: 'INVALID_ARGUMENT',
    says: '".." path segments',
    field: 'name',
  },
  {
    input: 'key /leading',
    run: call('download', '/leading'),
    code: 'INVALID_ARGUMENT',
    says: 'name must not start with "/"',
    field: 'name',
  },
  {
    input: 'key 42',
    run: call('download', 42),
    code: 'INVALID_ARGUMENT',
    says: 'name must be a string, got number',
    field: 'name',
  },
  { input: 'key null', run: call('download', null), code: 'INVALID_ARGUMENT', says: 'got null', field: 'name' },
  {
    input: 'key undefined',
    run: call('download', undefined),
    code: 'INVALID_ARGUMENT',
    says: 'got undefined',
    field: 'name',
  },
  { input: 'key {}', run: call('download', {}), code: 'INVALID_ARGUMENT', says: 'got object', field: 'name' },
  { input: 'key []', run: call('getObject', []), code: 'INVALID_ARGUMENT', says: 'got object', field: 'name' },
  { input: 'key true', run: call('delete', true), code: 'INVALID_ARGUMENT', says: 'got boolean', field: 'name' },
  {
    input: 'getSignUrl file ""',
    run: call('getSignUrl', '', 'text/plain'),
    code: 'INVALID_ARGUMENT',
    says: 'file must not be empty',
    field: 'file',
  },
  {
    input: 'copy to ../x',
    run: call('copy', 'a', '../x'),
    code: 'INVALID_ARGUMENT',
    says: 'to must not contain',
    field: 'to',
  },
  {
    input: 'deleteMany with a bad key',
    run: call('deleteMany', ['ok', '/bad']),
    code: 'INVALID_ARGUMENT',
    says: 'names[1] must not start with "/"',
    field: 'names[1]',
  },
  // Data
  {
    input: 'data null',
    run: call('uploadByFile', 'a', null),
    code: 'INVALID_ARGUMENT',
    says: 'data must be a Buffer, Uint8Array, string or Readable stream, got null',
    field: 'data',
  },
  {
    input: 'data undefined',
    run: call('uploadByFile', 'a', undefined),
    code: 'INVALID_ARGUMENT',
    says: 'got undefined',
    field: 'data',
  },
  { input: 'data 42', run: call('uploadByFile', 'a', 42), code: 'INVALID_ARGUMENT', says: 'got number', field: 'data' },
  {
    input: 'data NaN',
    run: call('uploadByFile', 'a', Number.NaN),
    code: 'INVALID_ARGUMENT',
    says: 'got number',
    field: 'data',
  },
  {
    input: 'data {}',
    run: call('uploadByFile', 'a', { bytes: [1] }),
    code: 'INVALID_ARGUMENT',
    says: 'got a plain object',
    field: 'data',
  },
  {
    input: 'data [1,2]',
    run: call('uploadByFile', 'a', [1, 2]),
    code: 'INVALID_ARGUMENT',
    says: 'got an array',
    field: 'data',
  },
  {
    input: 'data true',
    run: call('uploadByFile', 'a', true),
    code: 'INVALID_ARGUMENT',
    says: 'got boolean',
    field: 'data',
  },
  // Content types
  {
    input: 'content type ""',
    run: call('uploadByFile', 'a', 'x', ''),
    code: 'INVALID_ARGUMENT',
    says: 'contentType must not be empty',
    field: 'contentType',
  },
  {
    input: 'content type "  "',
    run: call('uploadByFile', 'a', 'x', '  '),
    code: 'INVALID_ARGUMENT',
    says: 'contentType must not be empty',
    field: 'contentType',
  },
  {
    input: 'content type with CRLF',
    run: call('uploadByFile', 'a', 'x', 'text/plain\r\nX-Injected: 1'),
    code: 'INVALID_ARGUMENT',
    says: 'contentType must not contain control characters such as CR or LF',
    field: 'contentType',
  },
  {
    input: 'content type with LF',
    run: call('uploadByFile', 'a', 'x', 'text/plain\n'),
    code: 'INVALID_ARGUMENT',
    says: 'CR or LF',
    field: 'contentType',
  },
  {
    input: 'content type 7',
    run: call('uploadByFile', 'a', 'x', 7),
    code: 'INVALID_ARGUMENT',
    says: 'contentType must be a string, got number',
    field: 'contentType',
  },
  {
    input: 'content type null',
    run: call('uploadByFile', 'a', 'x', null),
    code: 'INVALID_ARGUMENT',
    says: 'got null',
    field: 'contentType',
  },
  {
    input: 'getSignUrl content type ""',
    run: call('getSignUrl', 'a', ''),
    code: 'INVALID_ARGUMENT',
    says: 'contentType must not be empty',
    field: 'contentType',
  },
  {
    input: 'getSignUploadUrl content type CRLF',
    run: call('getSignUploadUrl', 'a', 'a\r\nb'),
    code: 'INVALID_ARGUMENT',
    says: 'CR or LF',
    field: 'contentType',
  },
  // expires
  ...([0, -1, 1.5, 604_801, '300', Number.NaN, Number.POSITIVE_INFINITY, null] as unknown[]).map((expires) => ({
    input: `expires ${typeof expires === 'string' ? JSON.stringify(expires) : String(expires)}`,
    run: call('getSignUrl', 'a', 'text/plain', expires),
    code: 'INVALID_ARGUMENT',
    says: expiresSays,
    field: 'expires',
  })),
  // ranges
  ...(
    [
      [{ start: -1 }, /^.*range\.start must be a whole number of bytes, 0 or more; got -1/],
      [{ start: 2, end: 1 }, /^.*range\.end must be a whole number of bytes, at least range\.start \(2\); got 1/],
      ['0-9', /^.*range must be \{ start, end\? \}/],
    ] as Array<[unknown, RegExp]>
  ).map(([range, says]) => ({
    input: `range ${JSON.stringify(range)}`,
    run: call('download', 'a', { range }),
    code: 'INVALID_ARGUMENT',
    says,
    field: 'range',
  })),
  {
    input: 'download options not an object',
    run: call('download', 'a', 'bytes=0-9'),
    code: 'INVALID_ARGUMENT',
    says: 'options must be an object',
    field: 'options',
  },
  // Business configs
  {
    input: 'config without bucketName',
    run: statusOf('storages.MissingBucket'),
    code: 'INVALID_CONFIG',
    says: '"bucketName": Invalid input',
    field: 'bucketName',
    file: 'storages/MissingBucket/MissingBucket.json',
  },
  {
    input: 'config without endPoint',
    run: statusOf('storages.MissingEndpoint'),
    code: 'INVALID_CONFIG',
    says: '"endPoint"',
    field: 'endPoint',
    file: 'storages/MissingEndpoint/MissingEndpoint.json',
  },
  {
    input: 'config region of the wrong type',
    run: statusOf('storages.RegionType'),
    code: 'INVALID_CONFIG',
    says: '"region": Invalid input: expected string, received number',
    field: 'region',
    file: 'storages/RegionType/RegionType.json',
  },
  {
    input: 'config maxAttempts as a string',
    run: statusOf('storages.AttemptsType'),
    code: 'INVALID_CONFIG',
    says: '"maxAttempts": Invalid input: expected number',
    field: 'maxAttempts',
  },
  {
    input: 'config with an unresolved ${VAR}',
    run: statusOf('storages.UnsetVar'),
    code: 'INVALID_CONFIG',
    says: 'environment variable MTI_NEVER_SET_ANYWHERE is not set',
    field: 'bucketName',
    file: 'storages/UnsetVar/UnsetVar.json',
  },
  {
    input: 'config of malformed JSON',
    run: statusOf('storages.Malformed'),
    code: 'INVALID_CONFIG',
    says: /storages\/Malformed\/Malformed\.json: invalid JSON/,
    file: 'storages/Malformed/Malformed.json',
  },
  {
    input: 'config with __proto__',
    run: statusOf('storages.Proto'),
    code: 'INVALID_CONFIG',
    says: 'key "__proto__" is not allowed',
    field: '__proto__',
  },
  {
    input: 'config with constructor',
    run: statusOf('storages.Ctor'),
    code: 'INVALID_CONFIG',
    says: 'key "constructor" is not allowed',
    field: 'constructor',
  },
  {
    input: 'config with a nested prototype',
    run: statusOf('storages.NestedProto'),
    code: 'INVALID_CONFIG',
    says: 'key "prototype" is not allowed',
    field: 'multipart.prototype',
  },
  {
    input: 'config with an unknown field',
    run: statusOf('storages.Unknown'),
    code: 'INVALID_CONFIG',
    says: 'unknown field "bucket"',
    field: 'bucket',
  },
  {
    input: 'config with a key id but no secret',
    run: statusOf('storages.HalfKeys'),
    code: 'INVALID_CONFIG',
    says: 'accessKeyId and accessKeySecret go together',
    field: 'accessKeySecret',
  },
  // e.json
  {
    input: 'e.json naming an unknown type',
    run: statusOf('storages.UnknownType'),
    code: 'INVALID_CONFIG',
    says: 'unknown type "storages.AwsS3Typ" (chain: storages.UnknownType → storages.AwsS3Typ); did you mean "storages.AwsS3Type"?',
    field: 'type',
    file: 'storages/UnknownType/e.json',
  },
  {
    input: 'e.json in a type cycle',
    run: statusOf('storages.CycleA'),
    code: 'INVALID_CONFIG',
    says: 'its type chain has a cycle: storages.CycleA → storages.CycleB → storages.CycleA',
    field: 'type',
  },
  {
    input: 'e.json in a folder with a bad name',
    run: statusOf('storages.Bad-Name'),
    code: 'INVALID_CONFIG',
    says: '"Bad-Name" is not a valid name part',
    file: 'storages/Bad-Name',
  },
  {
    input: 'e.json with backendBundleEntry outside the app',
    run: statusOf('storages.Outside'),
    code: 'INVALID_CONFIG',
    says: 'leaves the app folder',
    field: 'backendBundleEntry',
    file: 'storages/Outside/e.json',
  },
  {
    input: 'e.json without title',
    run: statusOf('storages.NoTitle'),
    code: 'INVALID_CONFIG',
    says: '"title"',
    field: 'title',
    file: 'storages/NoTitle/e.json',
  },
  {
    input: 'e.json of malformed JSON',
    run: statusOf('storages.BrokenDecl'),
    code: 'INVALID_CONFIG',
    says: 'invalid JSON',
    file: 'storages/BrokenDecl/e.json',
  },
  {
    input: 'e.json of an Instance of a Meta',
    run: statusOf('storages.OfMeta'),
    code: 'INVALID_CONFIG',
    says: 'an Instance must name a Type',
    field: 'type',
  },
  {
    input: 'two Type packages declaring one fullName',
    run: async () => {
      const pkg = (name: string) => ({
        [`node_modules/${name}/package.json`]: { name, main: 'index.js' },
        [`node_modules/${name}/index.js`]: `const { AwsS3Type } = require('@mti/type-aws-s3');\nexports.registrations = [{ fullName: 'storages.SharedType', title: 'x', type: 'storages.Meta', implementation: AwsS3Type, source: '${name}' }];\n`,
      });
      const twin = tempApp({
        'app.json': { typePackages: ['pkg-one', 'pkg-two'] },
        ...pkg('pkg-one'),
        ...pkg('pkg-two'),
      });
      try {
        return await caught(() => loadApp(twin.dir));
      } finally {
        twin.cleanup();
      }
    },
    code: 'CONFLICT',
    says: 'storages.SharedType is registered twice: by pkg-one and by pkg-two',
  },
  // Gateway requests
  {
    input: 'gateway: unknown element',
    run: http('POST', '/api/elements/storages.Nope/download', '["a"]'),
    code: 'NOT_FOUND',
    says: 'no element "storages.Nope"',
    status: 404,
  },
  {
    input: 'gateway: unknown function',
    run: http('POST', '/api/elements/storages.MyS3/explode', '[]'),
    code: 'NOT_FOUND',
    says: 'has no function "explode"',
    status: 404,
  },
  {
    input: 'gateway: a helper that is no function',
    run: http('POST', '/api/elements/storages.MyS3/toStorageError', '[]'),
    code: 'NOT_FOUND',
    says: 'has no function "toStorageError"',
    status: 404,
  },
  {
    input: 'gateway: too few arguments',
    run: http('POST', '/api/elements/storages.MyS3/uploadByFile', '["a"]'),
    code: 'INVALID_ARGUMENT',
    says: 'takes 2 to 4 arguments, got 1',
    status: 400,
  },
  {
    input: 'gateway: too many arguments',
    run: http('POST', '/api/elements/storages.MyS3/download', '["a",{},"c"]'),
    code: 'INVALID_ARGUMENT',
    says: 'takes 1 to 2 arguments, got 3',
    status: 400,
  },
  {
    input: 'gateway: body not an array',
    run: http('POST', '/api/elements/storages.MyS3/download', '"a"'),
    code: 'INVALID_ARGUMENT',
    says: 'must be a JSON array',
    status: 400,
  },
  {
    input: 'gateway: malformed JSON body',
    run: http('POST', '/api/elements/storages.MyS3/download', '[a]'),
    code: 'INVALID_ARGUMENT',
    says: 'JSON',
    status: 400,
  },
  {
    input: 'gateway: oversized body',
    run: http('POST', '/api/elements/storages.MyS3/download', JSON.stringify(['x'.repeat(4096)])),
    code: 'INVALID_ARGUMENT',
    says: 'too large',
    status: 413,
  },
  {
    input: 'gateway: oversized upload',
    run: http('PUT', '/api/elements/storages.MyS3/files/big.bin', Buffer.alloc(4096), {
      'content-type': 'application/octet-stream',
    }),
    code: 'INVALID_ARGUMENT',
    says: 'upload larger than the limit of 1024 bytes',
    status: 413,
  },
  {
    input: 'gateway: not a fullName',
    run: http('POST', '/api/elements/storages..MyS3/download', '["a"]'),
    code: 'INVALID_ARGUMENT',
    says: 'is not an element fullName',
    status: 400,
  },
  {
    input: 'gateway: bad key in a file route',
    run: http('GET', '/api/elements/storages.MyS3/files/a%0Ab'),
    code: 'INVALID_ARGUMENT',
    says: 'control characters',
    status: 400,
  },
];

describe('the bad-input catalogue', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.input, c] as const))('%s', async (_input, c) => {
    const outcome = await c.run();
    expect(outcome.code).toBe(c.code);
    if (typeof c.says === 'string') expect(outcome.message).toContain(c.says);
    else expect(outcome.message).toMatch(c.says);
    if (c.field !== undefined) expect(outcome.field).toBe(c.field);
    if (c.file !== undefined) expect(outcome.file).toBe(c.file);
    if (c.status !== undefined) expect(outcome.status).toBe(c.status);
  });

  it('left the good element working and no prototype polluted', async () => {
    expect((await s3.uploadByFile('after.txt', 'still fine')).size).toBe(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('in a plain Node process with --unhandled-rejections=strict', () => {
  // Jest fails a test on an unhandled rejection too; this shows it where nothing catches them.
  const runChild = (env: Record<string, string> = {}) => {
    const { NODE_OPTIONS: _options, DEBUG: _debug, ...rest } = process.env;
    return spawnSync(process.execPath, ['--unhandled-rejections=strict', join(__dirname, 'support/badInputChild.js')], {
      cwd: __dirname,
      env: { ...rest, ...env },
      encoding: 'utf8',
    });
  };

  it('bad inputs are coded errors, and the process ends cleanly', () => {
    const result = runChild();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      ...Array(10).fill('INVALID_ARGUMENT'),
      'INVALID_CONFIG',
      'INVALID_CONFIG',
      'UNAVAILABLE',
    ]);
  });

  it('an unhandled rejection would crash it (the check can fail)', () => {
    const result = runChild({ MTI_CONTROL_UNHANDLED: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('deliberately unhandled');
  });
});
