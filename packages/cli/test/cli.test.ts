import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';
import { bin, childrenOf, freePort, outputUntil, runCli, spawnCli } from './support/runCli';

const SECRET = 'cli-SECRET-do-not-print-4242';

let folder: TempApp;

beforeEach(() => {
  // The demo's shape: endpoint, keys and bucket come from variables that --embedded-s3 fills.
  folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ bucketName: '${S3_BUCKET:-mti-cli}' }),
  });
});
afterEach(() => folder.cleanup());

describe('mti check', () => {
  it('passes a valid app (exit 0) and prints a table', async () => {
    const result = await runCli(['check', folder.dir, '--embedded-s3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ready\s+instance\s+storages\.MyS3\s+storages\.AwsS3Type/);
    expect(result.stdout).toContain('6 elements, 0 with errors');
  });

  it('fails (exit 1) naming each broken element with file and field', async () => {
    folder.write('storages/Bad/e.json', seedDeclaration);
    folder.write('storages/Bad/Bad.json', seedConfig({ region: 'eu west' }));
    folder.write('storages/Worse/e.json', '{ "title": ');
    const result = await runCli(['check', folder.dir, '--embedded-s3']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /error\s+instance\s+storages\.Bad .*storages\/Bad\/Bad\.json \(region\): .*region code/,
    );
    expect(result.stdout).toContain('storages/Worse/e.json: storages.Worse: storages/Worse/e.json: invalid JSON');
    expect(result.stdout).toContain('8 elements, 2 with errors');
  });

  it('reports unset variables without --embedded-s3', async () => {
    const result = await runCli(['check', folder.dir], { env: { S3_ENDPOINT: '', S3_ACCESS_KEY_ID: '' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/S3_(ENDPOINT|ACCESS_KEY_ID|ACCESS_KEY_SECRET) is not set/);
  });
});

describe('mti ls', () => {
  it('lists elements with kind, type, origin and status, as JSON too', async () => {
    const result = await runCli(['ls', folder.dir, '--embedded-s3', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        fullName: 'storages.Meta',
        title: 'Storage',
        kind: 'meta',
        type: '',
        meta: 'storages.Meta',
        status: 'ready',
        origin: 'builtin',
      },
      {
        fullName: 'storages.AwsS3Type',
        title: 'AWS S3 Storage',
        kind: 'type',
        type: 'storages.Meta',
        meta: 'storages.Meta',
        status: 'ready',
        origin: 'builtin',
      },
      {
        fullName: 'storages.MinioType',
        title: 'MinIO Storage',
        kind: 'type',
        type: 'storages.AwsS3Type',
        meta: 'storages.Meta',
        status: 'ready',
        origin: 'builtin',
      },
      {
        fullName: 'storages.CloudflareR2Type',
        title: 'Cloudflare R2 Storage',
        kind: 'type',
        type: 'storages.AwsS3Type',
        meta: 'storages.Meta',
        status: 'ready',
        origin: 'builtin',
      },
      {
        fullName: 'storages.DiskType',
        title: 'Local Disk Storage',
        kind: 'type',
        type: 'storages.Meta',
        meta: 'storages.Meta',
        status: 'ready',
        origin: 'builtin',
      },
      {
        fullName: 'storages.MyS3',
        title: 'My AWS S3 Storage',
        kind: 'instance',
        type: 'storages.AwsS3Type',
        meta: 'storages.Meta',
        status: 'ready',
        origin: 'app',
      },
    ]);
  });

  it('escapes control characters from files before they reach the terminal', async () => {
    // ESC ] 0 ; sets a terminal's window title; ESC [ 2 J clears the screen; BEL ends the OSC.
    folder.write('storages/MyS3/e.json', { ...seedDeclaration, title: 'Evil\u001b]0;owned\u0007\u001b[2J\u009b31m' });
    folder.write('storages/Bad/e.json', { ...seedDeclaration, title: 'x' });
    folder.write('storages/Bad/Bad.json', seedConfig({ region: 'us-east-1\u001b[31m' }));
    for (const command of ['ls', 'check']) {
      const result = await runCli([command, folder.dir, '--embedded-s3']);
      expect(result.stdout).toContain('Evil\\x1b]0;owned\\x07\\x1b[2J\\x9b31m');
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });

  it('shows an override of the official Type with the package it replaces', async () => {
    folder.write('storages/AwsS3Type/e.json', { title: 'Our S3', type: 'storages.Meta' });
    folder.write(
      'storages/AwsS3Type/index.ts',
      "import { AwsS3Type } from '@mti/type-aws-s3';\nexport default class Ours extends AwsS3Type {}\n",
    );
    const json = await runCli(['ls', folder.dir, '--embedded-s3', '--json']);
    expect(JSON.parse(json.stdout)).toContainEqual({
      fullName: 'storages.AwsS3Type',
      title: 'Our S3',
      kind: 'type',
      type: 'storages.Meta',
      meta: 'storages.Meta',
      status: 'ready',
      origin: 'app',
      overrides: '@mti/type-aws-s3',
    });
    const table = await runCli(['ls', folder.dir, '--embedded-s3']);
    expect(table.stdout).toMatch(/^STATUS\s+KIND\s+ELEMENT\s+TYPE\s+ORIGIN\s+TITLE$/m);
    expect(table.stdout).toMatch(
      /ready\s+type\s+storages\.AwsS3Type\s+storages\.Meta\s+app, overrides @mti\/type-aws-s3\s+Our S3$/m,
    );
    expect(table.stdout).toMatch(/ready\s+meta\s+storages\.Meta\s+-\s+builtin\s+Storage$/m);
  });
});

describe('what a command loads', () => {
  const loaded = (args: string[]): string[] => {
    const result = spawnSync(process.execPath, ['-r', join(__dirname, 'support/listModules.js'), bin, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_ACCESS_KEY_ID: 'a',
        S3_ACCESS_KEY_SECRET: 'b',
      },
    });
    const line = result.stderr.split('\n').find((l) => l.startsWith('modules:'));
    return JSON.parse(line?.slice('modules:'.length) ?? '[]') as string[];
  };
  const heavy = /node_modules\/(@aws-sdk|@smithy|inversify|@inversifyjs|chokidar|fastify|s3rver|@swc|cli-progress)\//;

  it('--help and --version load commander and nothing of the runtime', () => {
    for (const flag of ['--help', '--version']) {
      const modules = loaded([flag]);
      expect(modules.some((m) => m.includes('commander'))).toBe(true);
      expect(modules.filter((m) => /packages\/(core|loader|type-aws-s3)\/|node_modules\/(zod|@mti)\//.test(m))).toEqual(
        [],
      );
      expect(modules.filter((m) => heavy.test(m))).toEqual([]);
    }
  });

  it('ls and check load no AWS SDK, inversify, chokidar, Fastify, S3 server or compiler', () => {
    for (const command of ['ls', 'check']) {
      const modules = loaded([command, folder.dir]);
      expect(modules.some((m) => /packages\/loader\/dist\//.test(m))).toBe(true);
      expect(modules.filter((m) => heavy.test(m))).toEqual([]);
    }
  });
});

describe('mti --version and --s3-port', () => {
  it('prints the version of @mti/cli', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('puts the embedded server on the port given', async () => {
    const port = await freePort();
    const child = spawnCli(['serve', folder.dir, '--embedded-s3', '--s3-port', String(port), '--port', '0']);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const stdout = await outputUntil(child, 'curl http');
    expect(stdout).toContain(`embedded S3: s3rver at http://127.0.0.1:${port},`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses --s3-port without --embedded-s3, and ports out of range', async () => {
    const without = await runCli(['ls', folder.dir, '--s3-port', '9000']);
    expect(without.code).toBe(1);
    expect(without.stderr).toBe(
      'mti: INVALID_ARGUMENT --s3-port sets the port of the embedded S3 server: add --embedded-s3\n',
    );
    const range = await runCli(['ls', folder.dir, '--embedded-s3', '--s3-port', '70000']);
    expect(range.code).not.toBe(0);
    expect(range.stderr).toContain("option '--s3-port <port>' argument '70000' is invalid");
  });
});

describe('mti tsconfig', () => {
  const typeCode = (body: string): string =>
    `import { AwsS3Type } from '@mti/type-aws-s3';\nimport type { UploadData } from '@mti/core';\n` +
    `export default class TenantS3 extends AwsS3Type {\n  ${body}\n}\n`;

  it("makes tsc check an app's Type code that has no node_modules, and catch its type errors", () => {
    folder.write('storages/TenantS3/e.json', { title: 'Tenant', type: 'storages.AwsS3Type' });
    folder.write(
      'storages/TenantS3/index.ts',
      typeCode(
        'override uploadByFile(name: string, data: UploadData, contentType?: string) {\n' +
          '    return super.uploadByFile(`tenant/${name}`, data, contentType);\n  }',
      ),
    );
    const written = spawnSync(process.execPath, [bin, 'tsconfig', folder.dir], { encoding: 'utf8' });
    expect(written.status).toBe(0);
    expect(written.stdout).toContain('tsconfig.json');
    const tsc = join(__dirname, '../../../node_modules/typescript/bin/tsc');
    const good = spawnSync(process.execPath, [tsc, '-p', folder.dir], { encoding: 'utf8' });
    expect(good.stdout).toBe('');
    expect(good.status).toBe(0);

    folder.write('storages/TenantS3/index.ts', typeCode('async size(): Promise<number> { return this.bucket; }'));
    const bad = spawnSync(process.execPath, [tsc, '-p', folder.dir], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(
      /storages\/TenantS3\/index\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('maps every package the loader offers Type code, the disk Type included', () => {
    folder.write('storages/Local/e.json', { title: 'Local', type: 'storages.DiskType' });
    folder.write(
      'storages/Local/index.ts',
      "import { DiskType } from '@mti/type-disk';\nexport default class Local extends DiskType {}\n",
    );
    expect(spawnSync(process.execPath, [bin, 'tsconfig', folder.dir], { encoding: 'utf8' }).status).toBe(0);
    const paths = (
      JSON.parse(readFileSync(join(folder.dir, 'tsconfig.json'), 'utf8').replace(/^\/\/.*\n/, '')) as {
        compilerOptions: { paths: Record<string, string[]> };
      }
    ).compilerOptions.paths;
    expect(Object.keys(paths).sort()).toEqual(['@mti/core', '@mti/type-aws-s3', '@mti/type-disk']);
    const tsc = join(__dirname, '../../../node_modules/typescript/bin/tsc');
    const checked = spawnSync(process.execPath, [tsc, '-p', folder.dir], { encoding: 'utf8' });
    expect(checked.stdout).toBe('');
    expect(checked.status).toBe(0);
  });

  it('never replaces a tsconfig.json it did not write, unless --force', async () => {
    folder.write('tsconfig.json', '{ "compilerOptions": {} }\n');
    const refused = await runCli(['tsconfig', folder.dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^mti: CONFLICT .*tsconfig\.json exists and was not written by mti; pass --force/);
    expect(readFileSync(join(folder.dir, 'tsconfig.json'), 'utf8')).toBe('{ "compilerOptions": {} }\n');
    expect((await runCli(['tsconfig', folder.dir, '--force'])).code).toBe(0);
    expect((await runCli(['tsconfig', folder.dir])).code).toBe(0);
  });
});

describe('mti call', () => {
  it('uploads a file, reads it back to a file and as JSON, across processes (data in .mti)', async () => {
    const source = join(folder.dir, 'input.bin');
    const data = randomBytes(9 * 1024 * 1024 + 3);
    writeFileSync(source, data);
    const up = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'uploadByFile',
      'in/file.bin',
      'application/x-test',
      '--file',
      source,
      '--embedded-s3',
      '--json',
    ]);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({
      key: 'in/file.bin',
      size: data.length,
      contentType: 'application/x-test',
      bucket: 'mti-cli',
    });
    expect(existsSync(join(folder.dir, '.mti/s3'))).toBe(true);

    const out = join(folder.dir, 'out.bin');
    const down = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'download',
      'in/file.bin',
      '--out',
      out,
      '--embedded-s3',
    ]);
    expect(down.code).toBe(0);
    expect(down.stdout).toBe(`wrote ${data.length} bytes to ${out}\n`);
    expect(readFileSync(out).equals(data)).toBe(true);

    const info = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'getObject',
      'in/file.bin',
      '--embedded-s3',
      '--json',
    ]);
    expect(JSON.parse(info.stdout)).toMatchObject({ key: 'in/file.bin', size: data.length });
    const text = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'uploadByFile',
      'note.txt',
      'plain words',
      'text/plain',
      '--embedded-s3',
      '--json',
    ]);
    expect(JSON.parse(text.stdout)).toMatchObject({ size: 11 });
    const raw = await runCli(['call', folder.dir, 'storages.MyS3', 'download', 'note.txt', '--embedded-s3']);
    expect(raw.stdout).toBe('plain words');
    const listed = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'list',
      'in/',
      '{"limit":1}',
      '--embedded-s3',
      '--json',
    ]);
    expect(JSON.parse(listed.stdout)).toMatchObject({ items: [{ key: 'in/file.bin' }] });
  });

  it('prints one clear line for an error and exits 1; --verbose adds the cause', async () => {
    const missing = await runCli(['call', folder.dir, 'storages.MyS3', 'download', 'nope.txt', '--embedded-s3']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'mti: NOT_FOUND storages.MyS3 download "nope.txt": no such object in bucket "mti-cli"\n',
    );
    const verbose = await runCli([
      '--verbose',
      'call',
      folder.dir,
      'storages.MyS3',
      'download',
      'nope.txt',
      '--embedded-s3',
    ]);
    expect(verbose.stderr).toMatch(/^mti: NOT_FOUND .*\ncause: .*NoSuchKey/s);
    const badArgs = await runCli(['call', folder.dir, 'storages.MyS3', 'download', '--embedded-s3']);
    expect(badArgs.stderr).toBe(
      'mti: INVALID_ARGUMENT storages.MyS3.download(name, options) takes 1 to 2 arguments, got 0\n',
    );
    const unknown = await runCli(['call', folder.dir, 'storages.MyS3', 'rm', 'x', '--embedded-s3']);
    expect(unknown.stderr).toMatch(/^mti: NOT_FOUND storages\.MyS3 has no function "rm"; it offers: copy, delete, /);
    const noElement = await runCli(['call', folder.dir, 'storages.MyS4', 'download', 'x', '--embedded-s3']);
    expect(noElement.stderr).toBe(
      'mti: NOT_FOUND no element "storages.MyS4" in this app; did you mean "storages.MyS3"?\n',
    );
  });

  it('never prints a secret, even when the server refuses it', async () => {
    folder.write(
      'storages/MyS3/MyS3.json',
      seedConfig({ accessKeyId: 'NOT-A-KEY', accessKeySecret: SECRET, bucketName: 'mti-cli' }),
    );
    const result = await runCli(['--verbose', 'call', folder.dir, 'storages.MyS3', 'download', 'x', '--embedded-s3']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mti: ACCESS_DENIED/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
  });
});

describe('progress bars', () => {
  it('show on a terminal for transfers above a few MiB, up and down', () => {
    const source = join(folder.dir, 'big.bin');
    writeFileSync(source, randomBytes(6 * 1024 * 1024));
    // A real pseudo-terminal (util-linux script), so stderr is a TTY as in a person's shell.
    const inTerminal = (args: string[]): string => {
      const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
      const { NODE_OPTIONS: _o, DEBUG: _d, ...env } = process.env;
      return spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env }).stdout.replace(/\r/g, '\n');
    };
    const up = inTerminal([
      'call',
      folder.dir,
      'storages.MyS3',
      'uploadByFile',
      'big.bin',
      '--file',
      source,
      '--embedded-s3',
      '--json',
    ]);
    expect(up).toMatch(/upload \[=+\] 100% 6\/6 MiB/);
    const down = inTerminal([
      'call',
      folder.dir,
      'storages.MyS3',
      'download',
      'big.bin',
      '--out',
      join(folder.dir, 'back.bin'),
      '--embedded-s3',
    ]);
    expect(down).toMatch(/download \[=+\] 100% 6\/6 MiB/);
    expect(readFileSync(join(folder.dir, 'back.bin')).equals(readFileSync(source))).toBe(true);
    writeFileSync(join(folder.dir, 'small.bin'), randomBytes(1024));
    const small = inTerminal([
      'call',
      folder.dir,
      'storages.MyS3',
      'uploadByFile',
      'small.bin',
      '--file',
      join(folder.dir, 'small.bin'),
      '--embedded-s3',
      '--json',
    ]);
    expect(small).toContain('"size":1024');
    expect(small).not.toContain('upload [');
  });
});

describe('mti serve', () => {
  it('refuses a non-loopback address without a token', async () => {
    const result = await runCli(['serve', folder.dir, '--host', '0.0.0.0', '--embedded-s3'], {
      env: { MTI_TOKEN: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'mti: ACCESS_DENIED refusing to listen on 0.0.0.0 without a token: set MTI_TOKEN or pass --token-file (or bind 127.0.0.1)\n',
    );
  });

  it('refuses --token, whose value every local user sees in ps, and a token file others can read', async () => {
    const given = await runCli(['serve', folder.dir, '--token', 'argv-token-1234']);
    expect(given.code).toBe(1);
    expect(given.stderr).toMatch(
      /^mti: INVALID_ARGUMENT --token is not accepted: .* visible to every local user in ps\. Set MTI_TOKEN, or .* --token-file <path>\n$/,
    );
    const file = join(folder.dir, '..', `token-${randomBytes(4).toString('hex')}`);
    writeFileSync(file, 'file-token\n', { mode: 0o644 });
    try {
      const shared = await runCli(['serve', folder.dir, '--token-file', file]);
      expect(shared.code).toBe(1);
      expect(shared.stderr).toBe(
        `mti: ACCESS_DENIED --token-file ${file} can be read by other users: chmod 600 ${file}\n`,
      );
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('takes the token from a file or MTI_TOKEN, and neither process shows it in its argv', async () => {
    const token = `tok-${randomBytes(12).toString('hex')}`;
    const file = join(folder.dir, '..', `token-${randomBytes(4).toString('hex')}`);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    try {
      for (const [args, env] of [
        [['--token-file', file], {}],
        [[], { MTI_TOKEN: token }],
      ] as Array<[string[], Record<string, string>]>) {
        // --embedded-s3 makes mti start itself again (bin.ts): two processes to look at.
        const child = spawnCli(['serve', folder.dir, '--embedded-s3', '--port', '0', ...args], { env });
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        const stdout = await outputUntil(child, 'curl ');
        const address = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] as string;
        expect((await fetch(`${address}/api/elements`)).status).toBe(401);
        const ok = await fetch(`${address}/api/elements`, { headers: { authorization: `Bearer ${token}` } });
        expect(ok.status).toBe(200);
        expect(stdout).not.toContain(token);
        const pids = [child.pid as number, ...childrenOf(child.pid as number)];
        expect(pids.length).toBeGreaterThanOrEqual(2);
        for (const pid of pids) {
          const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          expect(argv).toContain('serve');
          expect(argv).not.toContain(token);
        }
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("prints the scan's warnings at start, and serves through a symlink loop", async () => {
    mkdirSync(join(folder.dir, 'sub'));
    symlinkSync('..', join(folder.dir, 'sub', 'a'));
    symlinkSync('..', join(folder.dir, 'sub', 'b'));
    const child = spawnCli([
      'serve',
      folder.dir,
      '--embedded-s3',
      '--port',
      '0',
      '--close-timeout',
      '500',
      '--type-load-timeout',
      '4000',
    ]);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const stdout = await outputUntil(child, 'curl ');
    expect(stdout).toMatch(/ {2}warning: .*sub\/a/);
    const address = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] as string;
    expect((await fetch(`${address}/api/elements`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('answers only loopback Host names, and those given with --allow-host', async () => {
    const child = spawnCli(['serve', folder.dir, '--embedded-s3', '--port', '0', '--allow-host', 'devbox.test']);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const stdout = await outputUntil(child, 'curl ');
    const port = /at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1] as string;
    const withHost = (host: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const request = httpRequest(
          { host: '127.0.0.1', port, path: '/api/elements', headers: { host } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.end();
      });
    expect(await withHost(`devbox.test:${port}`)).toBe(200);
    expect(await withHost(`localhost:${port}`)).toBe(200);
    expect(await withHost(`rebound.example:${port}`)).toBe(403);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('starts, prints the address, the elements and two curl lines, serves, and stops on SIGTERM', async () => {
    const child = spawnCli(['serve', folder.dir, '--embedded-s3', '--port', '0']);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 200 && !stdout.includes('curl http'); i++) await new Promise((r) => setTimeout(r, 50));
    const address = /mti serving .* at (http:\/\/127\.0\.0\.1:\d+) \(hot reload on\)/.exec(stdout)?.[1];
    expect(address).toBeDefined();
    expect(stdout).toMatch(/embedded S3: s3rver at http:\/\/127\.0\.0\.1:\d+, data in .*\.mti\/s3, buckets: mti-cli/);
    expect(stdout).toMatch(/ready\s+instance\s+storages\.MyS3/);
    const curls = stdout.split('\n').filter((line) => line.trim().startsWith('curl '));
    expect(curls).toHaveLength(2);
    const put = await fetch(`${address}/api/elements/storages.MyS3/files/hello.txt`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: 'hello from mti',
    });
    expect(put.status).toBe(200);
    expect(await (await fetch(`${address}/api/elements/storages.MyS3/files/hello.txt`)).text()).toBe('hello from mti');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('creates the buckets a config edited while serving names, before the reload serves them', async () => {
    const child = spawnCli(['serve', folder.dir, '--embedded-s3', '--port', '0']);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let stdout = await outputUntil(child, 'curl http');
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const address = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] as string;
    const roundTrip = async (key: string): Promise<void> => {
      const url = `${address}/api/elements/storages.MyS3/files/${key}`;
      const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: key });
      expect(put.status).toBe(200);
      expect(await (await fetch(url)).text()).toBe(key);
    };
    const reloads = (): number => stdout.split('reload storages.MyS3: ready').length - 1;

    // A bucket written out, then one from a variable the server was not started with.
    const edits: Array<[Record<string, unknown>, string]> = [
      [{ bucketName: 'mti-cli-renamed' }, 'mti-cli-renamed'],
      [{ bucketName: '${NEW_BUCKET:-mti-cli-third}' }, 'mti-cli-third'],
    ];
    for (const [edit, bucket] of edits) {
      const before = reloads();
      folder.write('storages/MyS3/MyS3.json', seedConfig(edit));
      for (let i = 0; i < 200 && reloads() === before; i++) await new Promise((r) => setTimeout(r, 25));
      const created = stdout.indexOf(`embedded S3: created bucket ${bucket}\n`);
      expect(created).toBeGreaterThan(-1);
      expect(created).toBeLessThan(stdout.lastIndexOf('reload storages.MyS3: ready'));
      await roundTrip(`in-${bucket}.txt`);
      expect(existsSync(join(folder.dir, '.mti/s3', bucket))).toBe(true);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
