import type { ArgumentProblem } from './argumentProblem';
import { rangeProblem } from './rangeProblem';

/** What is wrong with `download`'s options (for the Types that read ranges), or undefined. */
export function downloadOptionsProblem(options: unknown): ArgumentProblem | undefined {
  if (typeof options !== 'object' || options === null) return { field: 'options', detail: 'options must be an object' };
  const { range } = options as { range?: unknown };
  return range === undefined ? undefined : rangeProblem(range);
}
