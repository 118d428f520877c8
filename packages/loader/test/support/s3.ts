import { startS3rver, type RunningS3rver } from '../../../type-aws-s3/test/support/startS3rver';

export type { RunningS3rver };

/** An embedded s3rver and the environment the seed config's `${…}` read. */
export async function s3Env(bucket = 'mti-test'): Promise<{ server: RunningS3rver; env: Record<string, string> }> {
  const server = await startS3rver([bucket]);
  return {
    server,
    env: {
      S3_ENDPOINT: server.endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_ACCESS_KEY_SECRET: 'S3RVER',
      S3_BUCKET: bucket,
    },
  };
}
