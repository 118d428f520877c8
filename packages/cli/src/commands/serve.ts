import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ElementError, ErrorCode } from '@mti/core';
import { loadApp } from '@mti/loader';
import { defaultConsoleFolder } from '../gateway/console/defaultConsoleFolder';
import { createGateway } from '../gateway/createGateway';
import { familyTables } from '../output/familyTables';
import { STORAGE_META } from '../gateway/storageElement';
import { terminalSafe } from '../output/terminalSafe';
import { appEnv, type EmbeddedOptions } from './appEnv';
import { readToken, type TokenOptions } from './readToken';

export interface ServeOptions extends EmbeddedOptions, TokenOptions {
  port: number;
  host: string;
  watch: boolean;
  /** Host names answered besides loopback ones (repeatable `--allow-host`). */
  allowHost?: string[];
  /** Origins whose pages may call the gateway (repeatable `--allow-origin`). */
  allowOrigin?: string[];
  bodyLimit: number;
  uploadLimit: number;
  /** Uploads streamed at once; more are answered 503 (createGateway's `maxUploads`). */
  maxUploads: number;
  /** Bytes of buffers the uploads streamed at once may need together (createGateway's `uploadMemory`). */
  uploadMemory: number;
  /** Milliseconds an upload body may send nothing before it is abandoned; 0: never. */
  bodyTimeout: number;
  /** Milliseconds open downloads may run on after a reload or shutdown (loadApp's `closeTimeoutMs`). */
  closeTimeout: number;
  /** Milliseconds a Type's code may take to import (loadApp's `typeLoadTimeoutMs`). */
  typeLoadTimeout: number;
  /** Serve the browser console at `/` (false with `--no-console`). */
  console: boolean;
}

const loopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
const wildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/** `mti serve <appDir>`: the app's element functions over HTTP, with hot reload. */
export async function serve(appDir: string, options: ServeOptions): Promise<() => Promise<void>> {
  const token = readToken(options);
  if (!loopback(options.host) && token === undefined) {
    throw new ElementError({
      code: ErrorCode.ACCESS_DENIED,
      message: `refusing to listen on ${options.host} without a token: set MTI_TOKEN or pass --token-file (or bind 127.0.0.1)`,
    });
  }
  // An address bound on purpose is a name clients will use as Host; a wildcard is not one.
  const allowedHosts = [...(options.allowHost ?? [])];
  if (!loopback(options.host) && !wildcard(options.host))
    allowedHosts.push(options.host.includes(':') ? `[${options.host}]` : options.host);
  const setup = await appEnv(appDir, options);
  const embedded = setup.embedded;
  const app = await loadApp(setup.appDir, {
    env: setup.env,
    watch: options.watch,
    closeTimeoutMs: options.closeTimeout,
    typeLoadTimeoutMs: options.typeLoadTimeout,
    // A config edited while serving may name a bucket, or use a variable, that the server was
    // not started with: create and fill them before the reload builds the new instance.
    ...(embedded === undefined
      ? {}
      : {
          beforeReload: async () => {
            for (const bucket of await embedded.sync()) process.stdout.write(`embedded S3: created bucket ${bucket}\n`); // a valid bucket name: no controls
          },
        }),
  });
  const gateway = createGateway({
    app,
    bodyLimit: options.bodyLimit,
    uploadLimit: options.uploadLimit,
    maxUploads: options.maxUploads,
    uploadMemory: options.uploadMemory,
    bodyTimeout: options.bodyTimeout,
    allowedHosts,
    allowedOrigins: options.allowOrigin ?? [],
    ...(token === undefined ? {} : { token }),
    ...(options.console === false ? { console: false as const } : {}),
  });
  app.on('reload', ({ fullName, status, ms }) =>
    process.stdout.write(`${terminalSafe(`reload ${fullName}: ${status} (${ms} ms)`)}\n`),
  );
  app.on('error', ({ fullName, error }) =>
    process.stderr.write(`${terminalSafe(`error ${fullName ?? 'app'}: ${error.message}`)}\n`),
  );
  let address: string;
  try {
    address = await gateway.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    await setup.stop();
    throw error;
  }
  const shown = relative(process.cwd(), setup.appDir) || '.';
  const lines = [`mti serving ${shown} at ${address}${options.watch ? ' (hot reload on)' : ''}`];
  if (options.console !== false)
    lines.push(
      existsSync(join(defaultConsoleFolder(), 'index.html'))
        ? `console: ${address}/`
        : 'console: not built (run pnpm build); the API is served',
    );
  if (embedded !== undefined) {
    lines.push(
      `embedded S3: s3rver at ${embedded.endpoint}, data in ${relative(process.cwd(), embedded.directory)}, buckets: ${embedded.buckets.join(', ') || 'none'}`,
    );
    for (const name of embedded.skipped)
      lines.push(`  note: ${name} names its own endPoint; the embedded server does not serve it`);
    for (const name of embedded.writtenKeys)
      lines.push(
        `  note: ${name} writes its keys out; the embedded server accepts only the ones it fills in (use \${VAR}s)`,
      );
  }
  // The scan's warnings (a symlink loop, a link leading outside, an unreadable folder) fail no
  // element, so the table would not show them.
  for (const warning of app.warnings) lines.push(`  warning: ${warning.message}`);
  lines.push('', familyTables(app.listElements(), true), '');
  const storage = app
    .listElements()
    .find((e) => e.kind === 'instance' && e.status === 'ready' && e.meta === STORAGE_META);
  if (storage !== undefined) {
    const secret = options.tokenFile === undefined ? '$MTI_TOKEN' : `$(cat ${options.tokenFile})`;
    const auth = token === undefined ? '' : ` -H "Authorization: Bearer ${secret}"`;
    const file = `${address}/api/elements/${storage.fullName}/files/hello.txt`;
    lines.push(
      'try:',
      `  curl${auth} -X PUT -H 'Content-Type: text/plain' --data-binary 'hello from mti' ${file}`,
      `  curl${auth} ${file}`,
      '',
    );
  }
  process.stdout.write(`${terminalSafe(lines.join('\n'))}\n`);
  return async () => {
    await gateway.close();
    await app.close();
    await setup.stop();
  };
}
