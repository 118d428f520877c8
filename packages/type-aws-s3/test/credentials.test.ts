import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { describeVerifying, runPrefix, tiers, type TierServer } from './support/tiers';
import { withChainEnv } from './support/withChainEnv';

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
