import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempApp {
  dir: string;
  write(path: string, content: string | object): void;
  remove(path: string): void;
  cleanup(): void;
}

/** An app folder in a temp directory, with no node_modules of its own. */
export function tempApp(files: Record<string, string | object> = {}): TempApp {
  const dir = mkdtempSync(join(tmpdir(), 'mti-app-'));
  const write = (path: string, content: string | object): void => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return {
    dir,
    write,
    remove: (path) => rmSync(join(dir, path), { recursive: true, force: true }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const seedDeclaration = {
  title: 'My AWS S3 Storage',
  type: 'storages.AwsS3Type',
  backendBundleEntry: '.',
  variables: [],
};

/** The seed's MyS3.json, endpoint and keys through `${…}` as the demo app has them. */
export function seedConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accessKeyId: '${S3_ACCESS_KEY_ID}',
    accessKeySecret: '${S3_ACCESS_KEY_SECRET}',
    endPoint: '${S3_ENDPOINT}',
    bucketName: '${S3_BUCKET:-mti-test}',
    region: 'us-east-1',
    ...overrides,
  };
}
