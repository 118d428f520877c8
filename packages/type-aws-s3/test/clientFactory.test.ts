import { S3Client } from '@aws-sdk/client-s3';
import { AwsS3Type, clientPool, type S3ClientFactory, type S3ClientPurpose } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { runPrefix, tiers, type TierServer } from './support/tiers';

describe.each(tiers)('an S3 Type with a client factory, on $name', (tier) => {
  let server: TierServer;
  beforeAll(async () => {
    server = await tier.start();
  });
  afterAll(() => server.stop());

  it("sends through the factory's client, whose middleware sees every request, and destroys it", async () => {
    const made: Array<{ purpose: S3ClientPurpose; client: S3Client }> = [];
    const seen: string[] = [];
    const factory: S3ClientFactory = (config, purpose) => {
      const client = new S3Client(config);
      client.middlewareStack.add(
        (next, context) => async (args) => {
          seen.push(`${purpose}:${String(context.commandName)}`);
          return next(args);
        },
        { step: 'initialize', name: 'teamMiddleware' },
      );
      made.push({ purpose, client });
      return client;
    };
    class TeamS3Type extends AwsS3Type {
      static override clientFactory = factory;
    }
    const before = clientPool.size;
    const prefix = runPrefix();
    const app = buildApp([
      { ...s3Record(server, { prefix }, 'storages/TeamS3Type'), config: undefined, implementation: TeamS3Type },
      { ...s3Record(server, { prefix }, 'storages/Team'), declaration: { title: 'Team', type: 'storages.TeamS3Type' } },
    ]);
    const s3 = app.getElement<AwsS3Type>('storages.Team');
    await s3.uploadByFile('factory.txt', 'made by the team');
    expect((await s3.download('factory.txt')).toString()).toBe('made by the team');
    await s3.getSignUrl('factory.txt', 'text/plain');

    expect(seen).toEqual(['requests:PutObjectCommand', 'requests:GetObjectCommand', 'presign:GetObjectCommand']);
    expect(made.map((m) => m.purpose)).toEqual(['requests', 'presign']);
    // The factory's clients are the element's own: the shared pool gained none.
    expect(clientPool.size).toBe(before);
    const destroyed = made.map((m) => jest.spyOn(m.client, 'destroy'));
    await app.close();
    for (const destroy of destroyed) expect(destroy).toHaveBeenCalledTimes(1);
  });
});
