import type { ElementSummary } from '../api/types';

/**
 * The element's Type chain, itself first: `storages.MyS3 → storages.AwsS3Type → storages.Meta`.
 * Stops at a name the list does not have, and at a loop (a broken app could declare one).
 */
export function typeChain(fullName: string, byName: ReadonlyMap<string, ElementSummary>): string[] {
  const chain = [fullName];
  let current = byName.get(fullName);
  while (current !== undefined && current.type !== '' && !chain.includes(current.type)) {
    chain.push(current.type);
    current = byName.get(current.type);
  }
  return chain;
}

export const indexByName = (elements: readonly ElementSummary[]): Map<string, ElementSummary> =>
  new Map(elements.map((element) => [element.fullName, element]));

/** An Instance of `storages.Meta` (the family the gateway reports for it): it gets a file browser. */
export function isStorage(element: ElementSummary): boolean {
  return element.kind === 'Instance' && element.meta === 'storages.Meta';
}

/** The group of a fullName (`storages` of `storages.MyS3`). */
export const groupOf = (fullName: string): string => fullName.slice(0, Math.max(0, fullName.indexOf('.')));
