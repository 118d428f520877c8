import { ElementError, ErrorCode, formatIssues, interpolateEnv, type ConfigSchemaInfo } from '@mti/core';
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
  let issues: GatewayIssue[];
  try {
    const interpolated = interpolateEnv(business, env, where);
    if (type.configSchema === undefined) return;
    const result = type.configSchema.safeParse(interpolated);
    if (result.success) return;
    issues = formatIssues(result.error).map((issue) => ({ path: issue.field, message: issue.message }));
  } catch (error) {
    // An unset variable, a key such as __proto__, nesting too deep: one issue, as the loader says it.
    if (!ElementError.is(error)) throw error;
    issues = [{ path: error.field ?? '', message: error.message }];
  }
  const list = issues.map((issue) => (issue.path ? `"${issue.path}": ${issue.message}` : issue.message)).join('; ');
  throw new GatewayError(ErrorCode.INVALID_CONFIG, `${where.element}: ${where.file}: ${list}`, 400, {
    ...where,
    ...(issues[0]?.path ? { field: issues[0].path } : {}),
    issues,
  });
}
