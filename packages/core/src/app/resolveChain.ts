import type { ElementKind } from '../element/ElementKind';
import { instanceOfMeta, typeChainCycle, typeInError, typeIsInstance, unknownType } from '../errors/invalidConfig';
import type { ElementNode } from './ElementNode';
import { suggestNames } from './suggestNames';

export interface TypeChain {
  /** The element, then every type above it, ending at a Meta. */
  links: ElementNode[];
  /** What the element is, decided by the links from the Meta down. */
  kind: ElementKind;
}

/**
 * Follows `node`'s type up to its Meta and tells its kind. Throws INVALID_CONFIG on `type`, naming
 * the whole chain, for an unknown type (with close names), a cycle, a link in error, a type that
 * is an Instance, and an Instance of a Meta (with the Types to name instead).
 */
export function resolveChain(node: ElementNode, nodes: ReadonlyMap<string, ElementNode>): TypeChain {
  const links = linksOf(node, nodes);
  return { links, kind: kindOf(links, nodes) };
}

function linksOf(node: ElementNode, nodes: ReadonlyMap<string, ElementNode>): ElementNode[] {
  const place = { element: node.fullName, file: node.source };
  const links: ElementNode[] = [node];
  const names = (last: string): string[] => [...links.map((n) => n.fullName), last];
  for (let current = node; current.type !== '';) {
    const next = nodes.get(current.type);
    if (next === undefined) throw unknownType(place, names(current.type), suggestNames(current.type, nodes.keys()));
    if (links.includes(next)) throw typeChainCycle(place, names(next.fullName));
    if (next.error !== undefined) throw typeInError(place, names(next.fullName), next.error.message);
    links.push(next);
    current = next;
  }
  return links;
}

/** Kind of links[0], checking every link from the Meta down. */
function kindOf(links: readonly ElementNode[], nodes: ReadonlyMap<string, ElementNode>): ElementKind {
  const first = links[0] as ElementNode;
  const place = { element: first.fullName, file: first.source };
  let kind: ElementKind = 'meta';
  for (let i = links.length - 2; i >= 0; i--) {
    const node = links[i] as ElementNode;
    const parent = links[i + 1] as ElementNode;
    const names = links.slice(i).map((n) => n.fullName);
    if (kind === 'instance') throw typeIsInstance(place, node.fullName, parent.fullName, names);
    if (node.implementation !== undefined) kind = 'type';
    else if (kind === 'meta') {
      throw instanceOfMeta(place, node.fullName, parent.fullName, names, typesUnder(parent, nodes));
    } else kind = 'instance';
  }
  return kind;
}

/** Types that build directly on a Meta, for "set type to …" hints. */
function typesUnder(meta: ElementNode, nodes: ReadonlyMap<string, ElementNode>): string[] {
  return [...nodes.values()]
    .filter((n) => n.type === meta.fullName && n.implementation !== undefined && n.error === undefined)
    .map((n) => n.fullName);
}
