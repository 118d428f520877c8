import { interpolateEnv } from '../config/interpolateEnv';
import { redactedView } from '../config/redactedView';
import { validateConfig } from '../config/validateConfig';
import type { ElementClass } from '../element/ElementClass';
import { classIdentity } from './classIdentity';
import type { ElementNode } from './ElementNode';
import type { ResolvedElement } from './ResolvedElement';

/**
 * An Instance's business config, `${VAR}`s resolved from `env` and checked against its Type's
 * schema, then frozen with its secret fields redacted from every view; with the fingerprint that
 * tells a changed Instance. Throws INVALID_CONFIG naming the element, the file and the field.
 */
export function checkInstanceConfig(
  node: ElementNode,
  typeClass: ElementClass,
  env: Readonly<Record<string, string | undefined>>,
): Pick<ResolvedElement, 'config' | 'secretFields' | 'fingerprint'> {
  const where = { element: node.fullName, file: node.configFile ?? node.source };
  const raw = node.record?.config;
  const interpolated = interpolateEnv(withoutSchemaKey(raw ?? {}), env, where);
  const validated = (
    typeClass.configSchema === undefined
      ? interpolated
      : validateConfig(typeClass.configSchema, interpolated, { ...where, missingFile: raw === undefined })
  ) as object;
  const secretFields = typeClass.secretFields ?? [];
  // Fingerprint before redaction: a changed secret must still read as a change.
  const fingerprint = JSON.stringify(['instance', node.title, node.type, classIdentity(typeClass), validated]);
  return { config: redactedView(validated, secretFields), secretFields, fingerprint };
}

/** `"$schema"` points editors at the JSON Schema; it is not part of the config. */
function withoutSchemaKey(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config) || !('$schema' in config)) return config;
  const { $schema: _editorSchema, ...rest } = config as Record<string, unknown>;
  return rest;
}
