import type { ElementClass } from '../element/ElementClass';
import type { ElementRecord } from '../element/ElementRecord';
import type { ElementRegistration } from '../element/ElementRegistration';
import { checkContract } from './checkContract';
import { checkInstanceConfig } from './checkInstanceConfig';
import { classIdentity } from './classIdentity';
import { collectNodes } from './collectNodes';
import type { ElementNode } from './ElementNode';
import type { ResolvedElement } from './ResolvedElement';
import { resolveChain } from './resolveChain';
import { rootMetaOf } from './rootMetaOf';
import { toElementError } from './toElementError';

export interface ResolveInput {
  registrations: readonly ElementRegistration[];
  records: readonly ElementRecord[];
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Turns built-in registrations plus an app's element records into checked elements: kinds,
 * type chains, overrides, duplicate names and configs. Element-level problems become an
 * `error` on that element (the others still load); only conflicting registrations, a wiring
 * mistake of the host program, throw.
 */
export function resolveElements(input: ResolveInput): ResolvedElement[] {
  const { nodes, unnamed } = collectNodes(input.registrations, input.records);
  return [...unnamed, ...[...nodes.values()].map((node) => resolveNode(node, nodes, input.env))];
}

function resolveNode(
  node: ElementNode,
  nodes: ReadonlyMap<string, ElementNode>,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedElement {
  const meta = rootMetaOf(node, nodes);
  const base = {
    fullName: node.fullName,
    title: node.title,
    type: node.type,
    ...(meta === undefined ? {} : { meta }),
    origin: node.origin,
    overrides: node.overrides,
    secretFields: [] as readonly string[],
  };
  try {
    if (node.error !== undefined) throw node.error;
    const { links, kind } = resolveChain(node, nodes);
    if (kind === 'instance') {
      const typeClass = (nodes.get(node.type) as ElementNode).implementation as ElementClass;
      return { ...base, kind, implementation: typeClass, ...checkInstanceConfig(node, typeClass, env) };
    }
    if (kind === 'type') checkContract(node, links[links.length - 1] as ElementNode);
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
