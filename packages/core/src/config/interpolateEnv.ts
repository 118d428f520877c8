import { forbiddenConfigKey, unsetVariable } from '../errors/invalidConfig';
import { checkConfigDepth } from './checkConfigDepth';
import { forbiddenKeys } from './forbiddenKeys';

export interface ConfigLocation {
  element: string;
  file: string;
}

// ${NAME} or ${NAME:-default}; $${...} stays literal (the escape drops one $).
const reference = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Returns a deep copy of a parsed business config with `${VAR}` / `${VAR:-default}` resolved from
 * `env` in every string value. Rejects prototype-polluting keys and non-JSON values on the way,
 * so what comes out is plain data. A config nested deeper than MAX_CONFIG_DEPTH is refused
 * first: the copy below recurses once per level.
 */
export function interpolateEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  where: ConfigLocation,
): unknown {
  checkConfigDepth(value, where);
  return walk(value, [], env, where);
}

function walk(
  value: unknown,
  path: string[],
  env: Readonly<Record<string, string | undefined>>,
  where: ConfigLocation,
): unknown {
  if (typeof value === 'string') return resolveString(value, path, env, where);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, String(index)], env, where));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const field = [...path, key];
      if (forbiddenKeys.has(key)) throw forbiddenConfigKey({ ...where, field: field.join('.') }, key);
      out[key] = walk((value as Record<string, unknown>)[key], field, env, where);
    }
    return out;
  }
  return value;
}

function resolveString(
  text: string,
  path: string[],
  env: Readonly<Record<string, string | undefined>>,
  where: ConfigLocation,
): string {
  return text.replace(reference, (match, escape: string, name: string, fallback: string | undefined) => {
    if (escape) return match.slice(1);
    const found = env[name];
    // Shell semantics: ":-" also replaces an empty value; a bare reference accepts one.
    if (fallback !== undefined) return found === undefined || found === '' ? fallback : found;
    if (found !== undefined) return found;
    throw unsetVariable({ ...where, field: path.join('.') }, name);
  });
}
