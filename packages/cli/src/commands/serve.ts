import { relative } from 'node:path';
import { ElementError, ErrorCode } from '@mti/core';
import { loadApp } from '@mti/loader';
import { createGateway } from '../gateway/createGateway';
import { elementTable } from '../output/elementTable';
import { appEnv, type EmbeddedOptions } from './appEnv';

export interface ServeOptions extends EmbeddedOptions {
  port: number;
  host: string;
  watch: boolean;
  token?: string;
  bodyLimit: number;
  uploadLimit: number;
}

const loopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** `mti serve <appDir>`: the app's element functions over HTTP, with hot reload. */
export async function serve(appDir: string, options: ServeOptions): Promise<() => Promise<void>> {
  const token = options.token ?? process.env.MTI_TOKEN;
  if (!loopback(options.host) && (token === undefined || token === '')) {
    throw new ElementError({
      code: ErrorCode.ACCESS_DENIED,
      message: `refusing to listen on ${options.host} without a token: pass --token or set MTI_TOKEN (or bind 127.0.0.1)`,
    });
  }
  const setup = await appEnv(appDir, options);
  const embedded = setup.embedded;
  const app = await loadApp(setup.appDir, {
    env: setup.env,
    watch: options.watch,
    // A config edited while serving may name a bucket, or use a variable, that the server was
    // not started with: create and fill them before the reload builds the new instance.
    ...(embedded === undefined
      ? {}
      : {
          beforeReload: async () => {
            for (const bucket of await embedded.sync()) process.stdout.write(`embedded S3: created bucket ${bucket}\n`);
          },
        }),
  });
  const gateway = createGateway({
    app,
    bodyLimit: options.bodyLimit,
    uploadLimit: options.uploadLimit,
    ...(token ? { token } : {}),
  });
  app.on('reload', ({ fullName, status, ms }) => process.stdout.write(`reload ${fullName}: ${status} (${ms} ms)\n`));
  app.on('error', ({ fullName, error }) => process.stderr.write(`error ${fullName ?? 'app'}: ${error.message}\n`));
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
  if (embedded !== undefined) {
    lines.push(
      `embedded S3: s3rver at ${embedded.endpoint}, data in ${relative(process.cwd(), embedded.directory)}, buckets: ${embedded.buckets.join(', ') || 'none'}`,
    );
    for (const name of embedded.skipped)
      lines.push(`  note: ${name} names its own endPoint; the embedded server does not serve it`);
  }
  lines.push('', elementTable(app.listElements(), true), '');
  const storage = app.listElements().find((e) => e.kind === 'instance' && e.status === 'ready');
  if (storage !== undefined) {
    const auth = token ? ` -H "Authorization: Bearer $MTI_TOKEN"` : '';
    const file = `${address}/api/elements/${storage.fullName}/files/hello.txt`;
    lines.push(
      'try:',
      `  curl${auth} -X PUT -H 'Content-Type: text/plain' --data-binary 'hello from mti' ${file}`,
      `  curl${auth} ${file}`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return async () => {
    await gateway.close();
    await app.close();
    await setup.stop();
  };
}
