// `${NAME}`, or `${NAME:-}` (an empty default): the whole value names a variable, nothing more.
const pure = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-)?\}$/;

/**
 * Whether a config value only names an environment variable, and so can be shown even in a
 * secret field. `${NAME:-default}` with a default is not: the default is a literal secret
 * whenever the variable is unset.
 */
export function isPureReference(value: unknown): boolean {
  return typeof value === 'string' && pure.test(value);
}
