import type { ElementInfo } from '@mti/core';

/**
 * A plain text table of elements; `problems` adds each error's file, field and message. Cells
 * come from files as written: print it through `terminalSafe`.
 */
export function elementTable(elements: ElementInfo[], problems = false): string {
  const rows = elements.map((e) => [
    e.status,
    e.kind,
    e.fullName,
    e.type || '-',
    e.overrides === undefined ? e.origin : `${e.origin}, overrides ${e.overrides}`,
    e.title,
    ...(problems
      ? [
          e.error === undefined
            ? ''
            : `${e.error.file ?? ''}${e.error.field ? ` (${e.error.field})` : ''}: ${e.error.message}`,
        ]
      : []),
  ]);
  const header = ['STATUS', 'KIND', 'ELEMENT', 'TYPE', 'ORIGIN', 'TITLE', ...(problems ? ['PROBLEM'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
