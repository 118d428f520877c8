import { clientPool, type AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { runPrefix, tiers, type TierServer } from './support/tiers';

describe.each(tiers)('S3 clients on $name', (tier) => {
  let server: TierServer;
  beforeAll(async () => {
    server = await tier.start();
  });
  afterAll(() => server.stop());

  it('one per distinct connection config, shared, and destroyed when the last user is disposed', async () => {
    const before = clientPool.size;
    const prefix = runPrefix();
    const app = buildApp([
      s3Record(server, { prefix }, 'storages/A'),
      // Same connection, other prefix: shares A's client.
      s3Record(server, { prefix: `${prefix}/b` }, 'storages/B'),
      // Different connection settings: a client of its own.
      s3Record(server, { prefix, maxAttempts: 5 }, 'storages/C'),
    ]);
    for (const name of ['storages.A', 'storages.B', 'storages.C']) {
      await app.getElement<AwsS3Type>(name).uploadByFile('x.txt', name);
    }
    expect(clientPool.size - before).toBe(2);
    await app.close();
    expect(clientPool.size).toBe(before);
  });

  it('survives a reload of one element while another keeps the shared client', async () => {
    const before = clientPool.size;
    const prefix = runPrefix();
    const records = (title: string) => [
      s3Record(server, { prefix }, 'storages/A'),
      { ...s3Record(server, { prefix }, 'storages/B'), declaration: { title, type: 'storages.AwsS3Type' } },
    ];
    const app = buildApp(records('first'));
    const a = app.getElement<AwsS3Type>('storages.A');
    const b = app.getElement<AwsS3Type>('storages.B');
    await a.uploadByFile('a.txt', 'a');
    await b.uploadByFile('b.txt', 'b');
    app.update(records('second'));
    expect((await b.download('b.txt')).toString()).toBe('b');
    expect((await a.download('a.txt')).toString()).toBe('a');
    expect(clientPool.size - before).toBe(1);
    await app.close();
    expect(clientPool.size).toBe(before);
  });
});
