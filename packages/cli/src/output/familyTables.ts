import type { ElementInfo } from '@mti/core';
import { elementTable } from './elementTable';

/**
 * The element table split by family, one block per Meta with its title, so an app with storage
 * and another family reads as two lists. Elements whose chain is broken before any Meta is
 * known come last, under their own heading.
 */
export function familyTables(elements: ElementInfo[], problems = false): string {
  const families = new Map<string, ElementInfo[]>();
  for (const element of elements) {
    const meta = element.meta ?? '';
    families.set(meta, [...(families.get(meta) ?? []), element]);
  }
  const order = [...families.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return order
    .map((meta) => {
      const members = families.get(meta) ?? [];
      const title = elements.find((element) => element.fullName === meta)?.title;
      const instances = members.filter((element) => element.kind === 'instance');
      const ready = instances.filter((element) => element.status === 'ready').length;
      const heading =
        meta === ''
          ? 'family unknown (the type chain is broken):'
          : `${meta}${title === undefined ? '' : ` (${title})`}: ${instances.length} instance${instances.length === 1 ? '' : 's'}, ${ready} ready`;
      return `${heading}\n${elementTable(members, problems)}`;
    })
    .join('\n\n');
}
