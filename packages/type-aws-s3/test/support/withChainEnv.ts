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
export async function withChainEnv<T>(
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
