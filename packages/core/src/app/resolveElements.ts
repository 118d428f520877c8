import { interpolateEnv } from '../config/interpolateEnv';
import { redactedView } from '../config/redactedView';
import { validateConfig } from '../config/validateConfig';
import type { Declaration } from '../declaration/declarationSchema';
import { parseDeclaration } from '../declaration/parseDeclaration';
import { toFullName } from '../declaration/toFullName';
import type { ElementClass } from '../element/ElementClass';
import type { ElementKind } from '../element/ElementKind';
import type { ElementRecord } from '../element/ElementRecord';
import type { ElementRegistration } from '../element/ElementRegistration';
import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { classIdentity } from './classIdentity';
import { findMethod } from './findMethod';
import type { ResolvedElement } from './ResolvedElement';
import { suggestNames } from './suggestNames';

export interface ResolveInput {
  registrations: readonly ElementRegistration[];
  records: readonly ElementRecord[];
  env: Readonly<Record<string, string | undefined>>;
}

interface Node {
  fullName: string;
  origin: 'builtin' | 'app';
  /** Package name for built-ins, declaration file for app elements. */
  source: string;
  title: string;
  type: string;
  implementation?: ElementClass;
  record?: ElementRecord;
  configFile?: string;
  overrides?: string;
  error?: ElementError;
}

/**
 * Turns built-in registrations plus an app's element records into checked elements: kinds,
 * type chains, overrides, duplicate names and configs. Element-level problems become an
 * `error` on that element (the others still load); only conflicting registrations, a wiring
 * mistake of the host program, throw.
 */
export function resolveElements(input: ResolveInput): ResolvedElement[] {
  const builtins = builtinNodes(input.registrations);
  const { appNodes, unnamed } = appNodesOf(input.records);
  const nodes = new Map(builtins);
  for (const node of appNodes.values()) {
    const builtin = builtins.get(node.fullName);
    if (builtin !== undefined) checkOverride(node, builtin);
    nodes.set(node.fullName, node);
  }
  return [...unnamed, ...[...nodes.values()].map((node) => resolveNode(node, nodes, input.env))];
}

function builtinNodes(registrations: readonly ElementRegistration[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const registration of registrations) {
    const existing = nodes.get(registration.fullName);
    if (existing !== undefined) {
      throw new ElementError({
        code: ErrorCode.CONFLICT,
        element: registration.fullName,
        message:
          `${registration.fullName} is registered twice: by ${existing.source} and by ` +
          `${registration.source}; give the app only one of these packages`,
      });
    }
    nodes.set(registration.fullName, {
      fullName: registration.fullName,
      origin: 'builtin',
      source: registration.source,
      title: registration.title,
      type: registration.type ?? '',
      implementation: registration.implementation,
    });
  }
  return nodes;
}

function appNodesOf(records: readonly ElementRecord[]): { appNodes: Map<string, Node>; unnamed: ResolvedElement[] } {
  const appNodes = new Map<string, Node>();
  const unnamed: ResolvedElement[] = [];
  for (const record of records) {
    const folder = record.folder
      .split(/[\\/]+/)
      .filter(Boolean)
      .join('/');
    const leaf = folder.split('/').pop() ?? folder;
    const declarationFile = record.files?.declaration ?? `${folder}/e.json`;
    let fullName: string;
    try {
      fullName = toFullName(folder);
    } catch (error) {
      unnamed.push(errorElement(folder.replace(/\//g, '.'), toElementError(error, folder)));
      continue;
    }
    const node: Node = {
      fullName,
      origin: 'app',
      source: declarationFile,
      title: fullName,
      type: '',
      record,
      implementation: record.implementation,
      configFile: record.files?.config ?? `${folder}/${leaf}.json`,
    };
    if (record.problem !== undefined) {
      node.error = record.problem;
    } else {
      try {
        const declaration: Declaration = parseDeclaration(record.declaration, {
          element: fullName,
          file: declarationFile,
        });
        node.title = declaration.title;
        node.type = declaration.type;
      } catch (error) {
        node.error = toElementError(error, fullName);
      }
    }
    const twin = appNodes.get(fullName);
    if (twin !== undefined) {
      const conflict = new ElementError({
        code: ErrorCode.CONFLICT,
        element: fullName,
        file: declarationFile,
        message: `${fullName} is declared twice: in ${twin.source} and in ${declarationFile}; remove or rename one`,
      });
      // One entry, naming both files; neither declaration is trusted until one is removed.
      twin.error = conflict;
      continue;
    }
    appNodes.set(fullName, node);
  }
  return { appNodes, unnamed };
}

function checkOverride(node: Node, builtin: Node): void {
  node.overrides = builtin.source;
  if (node.error !== undefined) return;
  if (builtin.type === '') {
    node.error = new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      element: node.fullName,
      file: node.source,
      message:
        `${node.source} declares ${node.fullName}, the built-in Meta of ${builtin.source}; ` +
        `Metas cannot be overridden, so move this element to another folder`,
    });
  } else if (node.implementation === undefined) {
    node.error = new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      element: node.fullName,
      file: node.source,
      message:
        `${node.source} overrides the official Type ${node.fullName} of ${builtin.source} but has no code; ` +
        `add an index.ts (or index.js) beside it whose default export is a class extending the official one`,
    });
  }
}

function resolveNode(
  node: Node,
  nodes: ReadonlyMap<string, Node>,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedElement {
  const base = {
    fullName: node.fullName,
    title: node.title,
    type: node.type,
    origin: node.origin,
    overrides: node.overrides,
    secretFields: [] as readonly string[],
  };
  try {
    if (node.error !== undefined) throw node.error;
    const chain = chainOf(node, nodes);
    const kind = kindOf(chain, (meta) => typesUnder(meta, nodes));
    if (kind === 'instance') {
      const typeClass = (nodes.get(node.type) as Node).implementation as ElementClass;
      return { ...base, kind, implementation: typeClass, ...instanceConfig(node, typeClass, env) };
    }
    if (kind === 'type') checkContract(node, chain);
    return {
      ...base,
      kind,
      implementation: node.implementation,
      fingerprint: JSON.stringify([kind, node.title, node.type, classIdentity(node.implementation)]),
    };
  } catch (error) {
    return { ...base, kind: undefined, fingerprint: '', error: toElementError(error, node.fullName) };
  }
}

/** The element and every type above it, ending at a Meta. */
function chainOf(node: Node, nodes: ReadonlyMap<string, Node>): Node[] {
  const chain: Node[] = [node];
  const names = (): string => chain.map((n) => n.fullName).join(' → ');
  for (let current = node; current.type !== '';) {
    const next = nodes.get(current.type);
    if (next === undefined) {
      const hints = suggestNames(current.type, nodes.keys());
      throw failure(
        node,
        `unknown type "${current.type}" (chain: ${names()} → ${current.type})` +
          (hints.length > 0 ? `; did you mean ${hints.map((h) => `"${h}"`).join(', ')}?` : ''),
      );
    }
    if (chain.includes(next)) {
      throw failure(node, `its type chain has a cycle: ${names()} → ${next.fullName}`);
    }
    if (next.error !== undefined) {
      throw failure(
        node,
        `its type ${next.fullName} has an error (chain: ${names()} → ${next.fullName}): ${next.error.message}`,
      );
    }
    chain.push(next);
    current = next;
  }
  return chain;
}

/** Kind of chain[0], checking every link from the Meta down. */
function kindOf(chain: Node[], suggestTypes: (meta: Node) => string[]): ElementKind {
  let kind: ElementKind = 'meta';
  for (let i = chain.length - 2; i >= 0; i--) {
    const node = chain[i] as Node;
    const parent = chain[i + 1] as Node;
    const names = chain
      .slice(i)
      .map((n) => n.fullName)
      .join(' → ');
    if (kind === 'instance') {
      throw failure(
        chain[0] as Node,
        `${node.fullName} names ${parent.fullName}, an Instance; a type must be a Meta or a Type (chain: ${names})`,
      );
    }
    if (node.implementation !== undefined) kind = 'type';
    else if (kind === 'meta') {
      throw failure(
        chain[0] as Node,
        `${node.fullName} names ${parent.fullName}, a Meta, but has no code: an Instance must name a Type ` +
          `(chain: ${names}). Potential solutions: set "type" to a Type ` +
          `(${suggestTypes(parent).join(', ') || `none under ${parent.fullName} yet`}); or, to declare a ` +
          `new Type, add code at its backendBundleEntry`,
      );
    } else kind = 'instance';
  }
  return kind;
}

/** Types that build directly on a Meta, for "set type to …" hints. */
function typesUnder(meta: Node, nodes: ReadonlyMap<string, Node>): string[] {
  return [...nodes.values()]
    .filter((n) => n.type === meta.fullName && n.implementation !== undefined && n.error === undefined)
    .map((n) => n.fullName);
}

function checkContract(node: Node, chain: Node[]): void {
  const meta = chain[chain.length - 1] as Node;
  const contract = meta.implementation?.contract ?? [];
  const prototype = (node.implementation as ElementClass).prototype as object;
  const missing = contract.filter((method) => !findMethod(prototype, method));
  if (missing.length > 0) {
    throw failure(
      node,
      `class ${(node.implementation as ElementClass).name || '(anonymous)'} does not implement ` +
        `${missing.map((m) => `${m}()`).join(', ')}, required by ${meta.fullName} (${meta.source}); ` +
        `extend a class that does, or add the methods`,
    );
  }
}

function instanceConfig(
  node: Node,
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

function failure(node: Node, detail: string): ElementError {
  return new ElementError({
    code: ErrorCode.INVALID_CONFIG,
    element: node.fullName,
    file: node.source,
    field: 'type',
    message: `${node.fullName}: ${detail}`,
  });
}

function errorElement(fullName: string, error: ElementError): ResolvedElement {
  return {
    fullName,
    title: fullName,
    kind: undefined,
    type: '',
    origin: 'app',
    secretFields: [],
    fingerprint: '',
    error,
  };
}

function toElementError(error: unknown, element: string): ElementError {
  if (ElementError.is(error)) return error;
  return new ElementError({
    code: ErrorCode.UNKNOWN,
    element,
    message: `${element}: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}
