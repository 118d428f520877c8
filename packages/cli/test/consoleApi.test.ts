import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, storagesMeta } from '@mti/core';
import { createGateway, type GatewayOptions } from '@mti/cli';
import type { LoadedApp } from '@mti/loader';
import { registrations } from '@mti/type-aws-s3';
import { nextReload, sleep } from '../../loader/test/support/events';
import { until } from '../../loader/test/support/until';
import type { RunningS3rver } from '../../loader/test/support/s3';
import { seedConfig, seedDeclaration, type TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// The console's API (issue 16) on a real app folder, a real watcher and a real s3rver: what a
// form may write, what it may never read back, and what links and the page may do without the
// token.

const TOKEN = 'console-api-token';
const LITERAL_SECRET = 'literal-secret-value-123';
const DEFAULT_SECRET = 'fallback-secret-456';
const CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; worker-src 'self'; frame-src 'none'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let s3: RunningS3rver;
let folder: TempApp;
let outside: string;
let consoleRoot: string;
let app: LoadedApp;
const gateways = new OpenGateways();

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'mti-outside-'));
  consoleRoot = mkdtempSync(join(tmpdir(), 'mti-console-'));
  writeFileSync(join(consoleRoot, 'index.html'), '<!doctype html><title>mti console</title>');
  mkdirSync(join(consoleRoot, 'assets'));
  writeFileSync(join(consoleRoot, 'assets', 'app-1234.js'), 'console.log("console");\n');
  ({
    server: s3,
    folder,
    app,
  } = await seedS3App({
    config: { prefix: 'console' },
    watch: true,
    beforeLoad: (created) => symlinkSync(outside, join(created.dir, 'linked')),
    files: {
      // Literal keys, and a secret whose ${VAR} falls back to a literal: never sent back.
      'storages/Literal/e.json': { title: 'Literal keys', type: 'storages.AwsS3Type' },
      'storages/Literal/Literal.json': seedConfig({
        accessKeyId: 'AKIDLITERAL',
        accessKeySecret: LITERAL_SECRET,
        sessionToken: `\${S3_SESSION_TOKEN:-${DEFAULT_SECRET}}`,
      }),
      // A Type whose code fails to load: it lists as an Instance in error, but its folder has code.
      'types/Broken/e.json': { title: 'Broken Type', type: 'storages.AwsS3Type' },
      'types/Broken/index.ts': "throw new Error('broken on purpose');\n",
    },
  }));
  // The symlink to outside is reported as a scan warning; nothing here listens for it otherwise.
  app.on('error', () => {});
}, 60_000);
afterAll(async () => {
  await gateways.close();
  await closeSeedS3App({ server: s3, folder, app });
  rmSync(outside, { recursive: true, force: true });
  rmSync(consoleRoot, { recursive: true, force: true });
});

async function gatewayAt(options: Partial<GatewayOptions> = {}): Promise<string> {
  return gateways.at({ app, console: { root: consoleRoot }, ...options });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request; `body` objects go as JSON. */
function send(
  url: string,
  method: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, setHost: headers.host === undefined }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, json });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(folder.dir, path), 'utf8'));

describe('GET /api/elements/:fullName/schema', () => {
  it("gives a Type's config as JSON Schema: required fields, defaults, enums, descriptions, secret fields", async () => {
    const base = await gatewayAt();
    const answer = await send(`${base}/api/elements/storages.AwsS3Type/schema`, 'GET');
    expect(answer.status).toBe(200);
    const { fullName, jsonSchema, secretFields } = answer.json;
    expect(fullName).toBe('storages.AwsS3Type');
    expect(secretFields).toEqual(['accessKeySecret', 'sessionToken']);
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(jsonSchema.required).toEqual(expect.arrayContaining(['endPoint', 'bucketName', 'region']));
    // A field with a default is not required in the form: the default fills it.
    expect(jsonSchema.required).not.toContain('storageClass');
    expect(jsonSchema.properties.storageClass.default).toBe('STANDARD');
    expect(jsonSchema.properties.storageClass.enum).toContain('GLACIER');
    expect(jsonSchema.properties.presign.enum).toEqual(['allow', 'long-term-only']);
    expect(jsonSchema.properties.bucketName.description).toBe('Bucket this element stores into.');
  });

  it('answers null for a Meta without a config schema, 400 for an Instance, 404 for an unknown name', async () => {
    const base = await gatewayAt();
    const meta = await send(`${base}/api/elements/storages.Meta/schema`, 'GET');
    expect(meta.status).toBe(200);
    expect(meta.json).toEqual({ fullName: 'storages.Meta', jsonSchema: null, secretFields: [] });
    const instance = await send(`${base}/api/elements/storages.MyS3/schema`, 'GET');
    expect(instance.status).toBe(400);
    expect(instance.json.code).toBe('INVALID_ARGUMENT');
    const unknown = await send(`${base}/api/elements/storages.Nope/schema`, 'GET');
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/elements', () => {
  it('lists the functions of ready Instances, and none for Types', async () => {
    const base = await gatewayAt();
    const list = (await send(`${base}/api/elements`, 'GET')).json as Array<Record<string, unknown>>;
    const mine = list.find((element) => element.fullName === 'storages.MyS3');
    expect(mine?.functions).toEqual(
      expect.arrayContaining([
        { name: 'list', params: ['prefix?', 'options?'] },
        { name: 'getSignUrl', params: ['file', 'contentType', 'expires?'] },
        { name: 'deleteMany', params: expect.any(Array) },
      ]),
    );
    expect(list.find((element) => element.fullName === 'storages.AwsS3Type')).not.toHaveProperty('functions');
  });
});

describe('GET /api/elements/:fullName/source', () => {
  it('shows ${VAR} references as written', async () => {
    const base = await gatewayAt();
    const answer = await send(`${base}/api/elements/storages.MyS3/source`, 'GET');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      fullName: 'storages.MyS3',
      type: 'storages.AwsS3Type',
      title: 'My AWS S3 Storage',
      files: { declaration: 'storages/MyS3/e.json', config: 'storages/MyS3/MyS3.json' },
      declaration: seedDeclaration,
      config: seedConfig({ prefix: 'console' }),
      hiddenSecrets: [],
    });
  });

  it('never sends a literal secret, nor a reference that falls back to one', async () => {
    const base = await gatewayAt();
    const answer = await send(`${base}/api/elements/storages.Literal/source`, 'GET');
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain(LITERAL_SECRET);
    expect(answer.body).not.toContain(DEFAULT_SECRET);
    expect(answer.json.hiddenSecrets.sort()).toEqual(['accessKeySecret', 'sessionToken']);
    expect(answer.json.config).not.toHaveProperty('accessKeySecret');
    // Not secret: shown even as a literal.
    expect(answer.json.config.accessKeyId).toBe('AKIDLITERAL');
  });

  it('is 409 for a config that does not parse, naming the file by line and column, never quoting it', async () => {
    const base = await gatewayAt();
    folder.write('storages/Broken/e.json', seedDeclaration);
    writeFileSync(join(folder.dir, 'storages/Broken/Broken.json'), '{ "accessKeySecret": "s3cr3t-in-broken-json" ');
    await until(app, () => app.listElements().some((element) => element.fullName === 'storages.Broken'));
    const answer = await send(`${base}/api/elements/storages.Broken/source`, 'GET');
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ code: 'INVALID_CONFIG', file: 'storages/Broken/Broken.json' });
    expect(answer.json.message).toMatch(/invalid JSON: .* at line 1, column \d+/);
    expect(answer.body).not.toContain('s3cr3t-in-broken-json');
    rmSync(join(folder.dir, 'storages/Broken'), { recursive: true, force: true });
  });

  it('is 404 for built-ins, unknown names and a Type folder whose code is broken', async () => {
    const base = await gatewayAt();
    for (const name of ['storages.AwsS3Type', 'storages.Meta', 'storages.Nope', 'types.Broken']) {
      const answer = await send(`${base}/api/elements/${name}/source`, 'GET');
      expect({ name, status: answer.status, code: answer.json.code }).toEqual({
        name,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });
});

describe('PUT /api/elements/:fullName/source', () => {
  const config = seedConfig({ prefix: 'fresh' });

  it('creates an Instance that becomes ready, then replaces it keeping the other e.json fields', async () => {
    const base = await gatewayAt({ token: TOKEN });
    const url = `${base}/api/elements/storages.Fresh/source`;
    expect((await send(url, 'PUT', { body: { type: 'storages.AwsS3Type', config } })).status).toBe(401);
    const ready = nextReload(app, (event) => event.fullName === 'storages.Fresh', 10_000);
    const created = await send(url, 'PUT', {
      token: TOKEN,
      body: { type: 'storages.AwsS3Type', title: 'Fresh storage', config },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      fullName: 'storages.Fresh',
      created: true,
      files: { declaration: 'storages/Fresh/e.json', config: 'storages/Fresh/Fresh.json' },
    });
    expect(await ready).toMatchObject({ fullName: 'storages.Fresh', status: 'ready' });
    expect(readJson('storages/Fresh/e.json')).toEqual({ title: 'Fresh storage', type: 'storages.AwsS3Type' });
    expect(readJson('storages/Fresh/Fresh.json')).toEqual(config);
    // No temp file is left behind.
    expect(readdirSync(join(folder.dir, 'storages/Fresh')).sort()).toEqual(['Fresh.json', 'e.json']);
    const fresh = app.getElement<{ uploadByFile(n: string, d: string, t: string): Promise<{ key: string }> }>(
      'storages.Fresh',
    );
    expect((await fresh.uploadByFile('a.txt', 'hi', 'text/plain')).key).toBe('a.txt');

    const changed = nextReload(app, (event) => event.fullName === 'storages.MyS3', 10_000);
    const replaced = await send(`${base}/api/elements/storages.MyS3/source`, 'PUT', {
      token: TOKEN,
      body: { type: 'storages.AwsS3Type', config: seedConfig({ prefix: 'console', region: 'eu-west-1' }) },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.created).toBe(false);
    expect(await changed).toMatchObject({ status: 'ready' });
    // Title kept (none sent), backendBundleEntry and variables kept.
    expect(readJson('storages/MyS3/e.json')).toEqual(seedDeclaration);
    expect(readJson('storages/MyS3/MyS3.json')).toMatchObject({ region: 'eu-west-1' });
  });

  it('refuses a bad value with 400 INVALID_CONFIG naming the field, and writes nothing', async () => {
    const base = await gatewayAt();
    const before = readFileSync(join(folder.dir, 'storages/MyS3/MyS3.json'), 'utf8');
    const bad = await send(`${base}/api/elements/storages.MyS3/source`, 'PUT', {
      body: { type: 'storages.AwsS3Type', config: seedConfig({ region: 'not a region!', timeoutMs: 0 }) },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      code: 'INVALID_CONFIG',
      element: 'storages.MyS3',
      file: 'storages/MyS3/MyS3.json',
      field: 'region',
    });
    expect(bad.json.issues).toEqual(
      expect.arrayContaining([
        { path: 'region', message: expect.stringContaining('region code') },
        { path: 'timeoutMs', message: expect.any(String) },
      ]),
    );
    expect(readFileSync(join(folder.dir, 'storages/MyS3/MyS3.json'), 'utf8')).toBe(before);

    const unset = await send(`${base}/api/elements/storages.Unset/source`, 'PUT', {
      body: { type: 'storages.AwsS3Type', config: seedConfig({ bucketName: '${NOT_SET_ANYWHERE}' }) },
    });
    expect(unset.status).toBe(400);
    expect(unset.json).toMatchObject({ code: 'INVALID_CONFIG', field: 'bucketName' });
    expect(unset.json.message).toContain('NOT_SET_ANYWHERE');
    expect(existsSync(join(folder.dir, 'storages/Unset'))).toBe(false);
  });

  it('refuses Types, built-ins, a Meta or Instance as type, and names outside <group>.<Name>', async () => {
    const base = await gatewayAt();
    const put = (name: string, body: object) => send(`${base}/api/elements/${name}/source`, 'PUT', { body });
    const good = { type: 'storages.AwsS3Type', config };
    for (const name of ['storages.AwsS3Type', 'storages.Meta', 'types.Broken', 'Single']) {
      const answer = await put(name, good);
      expect({ name, status: answer.status, code: answer.json.code }).toEqual({
        name,
        status: 400,
        code: 'INVALID_ARGUMENT',
      });
    }
    for (const type of ['storages.Meta', 'storages.MyS3', 'storages.Nope']) {
      const answer = await put('storages.Other', { type, config });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'type' });
    }
    expect((await put('storages.Other', { type: 'storages.AwsS3Type', config: [] })).json.field).toBe('config');
    expect((await put('storages.My..S3', good)).status).toBe(400);
    expect(existsSync(join(folder.dir, 'storages/Other'))).toBe(false);
    expect(existsSync(join(folder.dir, 'Single'))).toBe(false);
    // The broken Type's folder is as it was.
    expect(readdirSync(join(folder.dir, 'types/Broken')).sort()).toEqual(['e.json', 'index.ts']);
  });

  it('never writes through a group folder that links outside the app', async () => {
    const base = await gatewayAt();
    const answer = await send(`${base}/api/elements/linked.Evil/source`, 'PUT', {
      body: { type: 'storages.AwsS3Type', config },
    });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ code: 'ACCESS_DENIED', file: 'linked' });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('keeps a hidden secret from the file on disk with keepSecrets, and only secret fields', async () => {
    const base = await gatewayAt();
    const url = `${base}/api/elements/storages.Literal/source`;
    const shown = (await send(url, 'GET')).json;
    const saved = nextReload(app, (event) => event.fullName === 'storages.Literal', 10_000);
    const answer = await send(url, 'PUT', {
      body: {
        type: shown.type,
        title: 'Literal keys, renamed',
        config: { ...shown.config, region: 'us-west-2' },
        keepSecrets: shown.hiddenSecrets,
      },
    });
    expect(answer.status).toBe(200);
    await saved;
    expect(readJson('storages/Literal/Literal.json')).toMatchObject({
      accessKeySecret: LITERAL_SECRET,
      sessionToken: `\${S3_SESSION_TOKEN:-${DEFAULT_SECRET}}`,
      region: 'us-west-2',
    });
    expect(readJson('storages/Literal/e.json')).toEqual({
      title: 'Literal keys, renamed',
      type: 'storages.AwsS3Type',
    });

    const notSecret = await send(url, 'PUT', {
      body: { type: shown.type, config: shown.config, keepSecrets: ['region'] },
    });
    expect(notSecret.status).toBe(400);
    expect(notSecret.json).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'keepSecrets' });
    const nothingToKeep = await send(`${base}/api/elements/storages.NoFile/source`, 'PUT', {
      body: { type: 'storages.AwsS3Type', config, keepSecrets: ['accessKeySecret'] },
    });
    expect(nothingToKeep.status).toBe(400);
    expect(nothingToKeep.json.field).toBe('keepSecrets');
    expect(existsSync(join(folder.dir, 'storages/NoFile'))).toBe(false);
  });
});

describe('DELETE /api/elements/:fullName', () => {
  it("removes an app Instance's folder, and refuses built-ins, Types and unknown names", async () => {
    const base = await gatewayAt();
    folder.write('storages/Doomed/e.json', seedDeclaration);
    folder.write('storages/Doomed/Doomed.json', seedConfig());
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (app.listElements().some((e) => e.fullName === 'storages.Doomed')) resolve();
        else if (Date.now() > deadline) reject(new Error('storages.Doomed never appeared'));
        else setTimeout(check, 50);
      };
      const deadline = Date.now() + 10_000;
      check();
    });
    const removed = nextReload(app, (event) => event.fullName === 'storages.Doomed', 10_000);
    const answer = await send(`${base}/api/elements/storages.Doomed`, 'DELETE');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ fullName: 'storages.Doomed', deleted: true });
    expect(existsSync(join(folder.dir, 'storages/Doomed'))).toBe(false);
    expect(await removed).toMatchObject({ status: 'removed' });

    for (const [name, status] of [
      ['storages.AwsS3Type', 400],
      ['storages.Meta', 400],
      ['types.Broken', 400],
      ['storages.Nope', 404],
    ] as const) {
      expect({ name, status: (await send(`${base}/api/elements/${name}`, 'DELETE')).status }).toEqual({ name, status });
    }
    expect(existsSync(join(folder.dir, 'types/Broken/index.ts'))).toBe(true);
  });
});

describe('links', () => {
  const html = '<script>document.title = "ran"</script>';

  beforeAll(async () => {
    const storage = app.getElement<{ uploadByFile(n: string, d: string, t: string): Promise<unknown> }>(
      'storages.MyS3',
    );
    await storage.uploadByFile('page.html', html, 'text/html');
    await storage.uploadByFile('photo.png', 'png bytes', 'image/png');
  });

  it('serves the object without the token, with the headers GET …/files/<key> sends', async () => {
    const base = await gatewayAt({ token: TOKEN });
    const make = `${base}/api/elements/storages.MyS3/links`;
    expect((await send(make, 'POST', { body: { key: 'page.html' } })).status).toBe(401);
    const made = await send(make, 'POST', { token: TOKEN, body: { key: 'page.html' } });
    expect(made.status).toBe(200);
    expect(made.json.url).toMatch(/^\/api\/links\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(made.json.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    const viaLink = await send(`${base}${made.json.url}`, 'GET');
    const viaFiles = await send(`${base}/api/elements/storages.MyS3/files/page.html`, 'GET', { token: TOKEN });
    expect(viaLink.status).toBe(200);
    expect(viaLink.body).toBe(html);
    for (const header of [
      'content-type',
      'content-security-policy',
      'content-disposition',
      'x-content-type-options',
      'etag',
      'content-length',
    ]) {
      expect({ header, value: viaLink.headers[header] }).toEqual({ header, value: viaFiles.headers[header] });
    }
    expect(viaLink.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(viaLink.headers['content-disposition']).toMatch(/^attachment/);
    // Any number of GETs while it lives.
    expect((await send(`${base}${made.json.url}`, 'GET')).status).toBe(200);
    // The Host guard still applies.
    const port = new URL(base).port;
    const rebound = await send(`${base}${made.json.url}`, 'GET', { headers: { host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(403);
  });

  it('keeps the disposition asked for, and is 404 for unknown ids and bad requests refused', async () => {
    const base = await gatewayAt({ token: TOKEN });
    const make = `${base}/api/elements/storages.MyS3/links`;
    const inline = await send(make, 'POST', { token: TOKEN, body: { key: 'photo.png', disposition: 'inline' } });
    const served = await send(`${base}${inline.json.url}`, 'GET');
    expect(served.headers['content-disposition']).toMatch(/^inline/);
    expect(served.headers['content-type']).toBe('image/png');
    const unknown = await send(`${base}/api/links/${'A'.repeat(43)}`, 'GET');
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('NOT_FOUND');
    expect((await send(make, 'POST', { token: TOKEN, body: { key: '' } })).json.field).toBe('key');
    expect((await send(make, 'POST', { token: TOKEN, body: { key: 'a', disposition: 'x' } })).status).toBe(400);
    expect(
      (await send(`${base}/api/elements/storages.Nope/links`, 'POST', { token: TOKEN, body: { key: 'a' } })).status,
    ).toBe(404);
  });

  it('expires', async () => {
    const base = await gatewayAt({ token: TOKEN, linkLifetimeMs: 300 });
    const made = await send(`${base}/api/elements/storages.MyS3/links`, 'POST', {
      token: TOKEN,
      body: { key: 'photo.png' },
    });
    expect((await send(`${base}${made.json.url}`, 'GET')).status).toBe(200);
    await sleep(400);
    const expired = await send(`${base}${made.json.url}`, 'GET');
    expect(expired.status).toBe(404);
    expect(expired.json.message).toContain('expired');
  });
});

describe('the console page', () => {
  it('serves index.html and assets without the token, with the page CSP; /api still needs it', async () => {
    const base = await gatewayAt({ token: TOKEN });
    const page = await send(`${base}/`, 'GET');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('mti console');
    const asset = await send(`${base}/assets/app-1234.js`, 'GET');
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('console.log');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['content-security-policy']).toBe(CSP);
    expect((await send(`${base}/assets/missing.js`, 'GET')).status).toBe(404);
    expect((await send(`${base}/assets/..%2findex.html`, 'GET')).status).toBe(404);
    expect((await send(`${base}/api/elements`, 'GET')).status).toBe(401);
    expect((await send(`${base}/api/nothing-here`, 'GET')).status).toBe(401);
    expect((await send(`${base}/api/elements`, 'GET', { token: TOKEN })).status).toBe(200);
    const port = new URL(base).port;
    expect((await send(`${base}/`, 'GET', { headers: { host: `attacker.example:${port}` } })).status).toBe(403);
  });

  it('is off with console: false, and says how to build it when it was never built', async () => {
    const off = await gatewayAt({ console: false });
    expect((await send(`${off}/`, 'GET')).status).toBe(404);
    expect((await send(`${off}/assets/app-1234.js`, 'GET')).status).toBe(404);
    const unbuilt = await gatewayAt({ console: { root: join(consoleRoot, 'never-built') } });
    const answer = await send(`${unbuilt}/`, 'GET');
    expect(answer.status).toBe(404);
    expect(answer.json.message).toContain('pnpm build');
  });
});

describe("core's App (no folder)", () => {
  it('describes Types, and refuses the folder routes clearly', async () => {
    const core = createApp({ name: 'bare', registrations: [storagesMeta, ...registrations] });
    const gateway = createGateway({ app: core, console: false });
    gateways.add(gateway);
    const base = await gateway.listen({ port: 0, host: '127.0.0.1' });
    const schema = await send(`${base}/api/elements/storages.AwsS3Type/schema`, 'GET');
    expect(schema.json.secretFields).toEqual(['accessKeySecret', 'sessionToken']);
    const put = await send(`${base}/api/elements/storages.X/source`, 'PUT', {
      body: { type: 'storages.AwsS3Type', config: {} },
    });
    expect(put.status).toBe(400);
    expect(put.json.message).toContain('not loaded from a folder');
    await core.close();
  });
});
