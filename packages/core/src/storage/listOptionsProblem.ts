import { argumentProblem, type ArgumentProblem } from './argumentProblem';
import { delimiterProblem } from './delimiterProblem';
import type { ListOptions } from './storageResults';

/** What is wrong with `list`'s options other than the cursor (which needs the listing's scope). */
export function listOptionsProblem(options: ListOptions): ArgumentProblem | undefined {
  if (typeof options !== 'object' || options === null) return { field: 'options', detail: 'options must be an object' };
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return { field: 'limit', detail: `limit must be a whole number from 1 to 1000, got ${String(limit)}` };
  }
  return options.delimiter === undefined
    ? undefined
    : argumentProblem('delimiter', delimiterProblem(options.delimiter));
}
