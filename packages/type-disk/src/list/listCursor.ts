import { fromCheckedCursor, toCheckedCursor } from '@mti/core';

/** The listing a cursor continues: the same element, prefix (as stored) and delimiter. */
export interface ListingScope {
  element: string;
  prefix: string;
  delimiter: string | undefined;
}

/** The place a page stopped at is a key the caller has seen: the check only tells listings apart. */
const scoped = (scope: ListingScope): unknown[] => [
  'mti disk list cursor',
  scope.element,
  scope.prefix,
  scope.delimiter ?? null,
];

/** A `nextCursor`: the last key or common prefix of the page (as stored), and its check. */
export function toListCursor(scope: ListingScope, after: string): string {
  return toCheckedCursor(scoped(scope), after);
}

/** Where the listing resumes, or undefined when this listing did not hand that cursor out. */
export function fromListCursor(scope: ListingScope, cursor: string): string | undefined {
  return fromCheckedCursor(scoped(scope), cursor);
}
