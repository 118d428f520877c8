import type { ArgumentProblem } from './argumentProblem';
import type { CopyOptions } from './storageTypes';
import { writeConditionsProblem } from './writeConditionsProblem';

/** What is wrong with `copy`'s options (conditions on the target), or undefined. */
export function copyOptionsProblem(options: CopyOptions): ArgumentProblem | undefined {
  if (typeof options !== 'object' || options === null) return { field: 'options', detail: 'options must be an object' };
  return writeConditionsProblem(options);
}
