import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface S3rverProcess {
  endpoint: string;
  port: number;
  /** SIGKILL: the server dies mid-whatever, as a crashed process would. */
  kill(): Promise<void>;
  /** A new server process on the same port and data folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const script = `
const S3rver = require(${JSON.stringify(require.resolve('s3rver'))});
const [port, directory, bucket] = process.argv.slice(1);
new S3rver({ port: Number(port), address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] })
  .run().then((address) => process.stdout.write(String(address.port) + '\\n'));
`;

/** s3rver in its own process, so a test can kill it and start it again. */
export async function startS3rverProcess(bucket: string, port = 0): Promise<S3rverProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'mti-s3rver-proc-'));
  let child: ChildProcess | undefined;
  const launch = (wanted: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = spawn(
        process.execPath,
        ['--openssl-legacy-provider', '-e', script, String(wanted), directory, bucket],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child = started;
      started.once('error', reject);
      started.once('exit', (code) => reject(new Error(`s3rver process exited with ${code}`)));
      started.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    });
  const exited = (): Promise<void> =>
    new Promise((resolve) => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  const actual = await launch(port);
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    async kill() {
      child?.kill('SIGKILL');
      await exited();
    },
    async restart() {
      await launch(actual);
    },
    async stop() {
      child?.kill('SIGKILL');
      await exited();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
