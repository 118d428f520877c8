import { configIssues, ElementError, formatIssues, interpolateEnv, type ConfigSchemaInfo } from '@mti/core';
import { GatewayError, type GatewayIssue } from '../GatewayError';

/**
 * Checks a config as the loader will when it reads the file: `${VAR}`s resolved from the
 * server's env (`$schema`, an editor's hint, set aside), then the Type's schema. Fails with 400
 * INVALID_CONFIG naming the element, the file, the first bad field, and every issue (by path;
 * values are never echoed, they may be secrets).
 */
export function checkInstanceConfig(
  type: ConfigSchemaInfo,
  config: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  where: { element: string; file: string },
): void {
  const { $schema: _editorHint, ...business } = config;
  let problem: ElementError;
  let issues: GatewayIssue[];
  try {
    const interpolated = interpolateEnv(business, env, where);
    if (type.configSchema === undefined) return;
    const result = type.configSchema.safeParse(interpolated);
    if (result.success) return;
    const found = formatIssues(result.error);
    problem = configIssues(where, found);
    issues = found.map((issue) => ({ path: issue.field, message: issue.message }));
  } catch (error) {
    // An unset variable, a key such as __proto__, nesting too deep: one issue, as the loader says it.
    if (!ElementError.is(error)) throw error;
    problem = error;
    issues = [{ path: error.field ?? '', message: error.message }];
  }
  throw GatewayError.of(problem, 400, issues);
}
