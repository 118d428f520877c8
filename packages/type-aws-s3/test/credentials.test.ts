import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { describeVerifying, runPrefix, tiers, type TierServer } from './support/tiers';

const chainVariables = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
] as const;

// No shared files and no instance metadata: the chain can only find what a test puts there.
const isolated = {
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/mti/credentials',
  AWS_CONFIG_FILE: '/nonexistent/mti/config',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Runs with the SDK's credential variables set (or cleared), restoring them afterwards. */
async function withChainEnv<T>(
  values: Partial<Record<(typeof chainVariables)[number], string>>,
  work: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(chainVariables.map((name) => [name, process.env[name]]));
  for (const name of chainVariables) delete process.env[name];
  Object.assign(process.env, isolated, values);
  try {
    return await work();
  } finally {
    for (const name of chainVariables) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

function keyless(server: TierServer) {
  const record = s3Record(server, { prefix: runPrefix() });
  const { accessKeyId: _id, accessKeySecret: _secret, ...config } = record.config as Record<string, unknown>;
  return buildApp([{ ...record, config }]);
}

describe.each(tiers)('the AWS default credential chain on $name', (tier) => {
  let server: TierServer;
  beforeAll(async () => {
    server = await tier.start();
  });
  afterAll(() => server.stop());

  it('is used when the config names no keys: they come from the environment', async () => {
    await withChainEnv(
      { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.accessKeySecret },
      async () => {
        const app = keyless(server);
        const s3 = app.getElement<AwsS3Type>('storages.MyS3');
        await s3.uploadByFile('chain.txt', 'from the chain');
        expect((await s3.download('chain.txt')).toString()).toBe('from the chain');
        await app.close();
      },
    );
  });

  it('is ACCESS_DENIED with a clear reason when the chain finds nothing', async () => {
    await withChainEnv({}, async () => {
      const app = keyless(server);
      const error = await app
        .getElement<AwsS3Type>('storages.MyS3')
        .download('chain.txt')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ACCESS_DENIED' });
      expect(String((error as Error).message)).toContain('no AWS credentials');
      await app.close();
    });
  });
});

describeVerifying('credentials from the chain are really used on $name', (tier) => {
  it('a wrong secret in the environment is refused by the server', async () => {
    const server = await tier.start();
    await withChainEnv({ AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: 'not-the-secret' }, async () => {
      const app = keyless(server);
      await expect(app.getElement<AwsS3Type>('storages.MyS3').uploadByFile('x.txt', 'x')).rejects.toMatchObject({
        code: 'ACCESS_DENIED',
      });
      await app.close();
    });
  });
});
