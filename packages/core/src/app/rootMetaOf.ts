import type { ElementNode } from './ElementNode';

/**
 * The fullName of the Meta at the root of `node`'s type chain: its own for a Meta. Found even
 * when the element is otherwise in error (a bad config, a missing method, a link in error whose
 * type was read); undefined only when the chain cannot be followed to a Meta: an unknown type,
 * a cycle, or an element on the way (itself included) whose declaration could not be read.
 */
export function rootMetaOf(node: ElementNode, nodes: ReadonlyMap<string, ElementNode>): string | undefined {
  const seen = new Set<ElementNode>();
  let current: ElementNode | undefined = node;
  while (current !== undefined && !seen.has(current)) {
    // An empty type is a Meta's, unless the declaration that would have set it was never read.
    if (current.type === '') return current.error === undefined ? current.fullName : undefined;
    seen.add(current);
    current = nodes.get(current.type);
  }
  return undefined;
}
