import { conditionFailure, ErrorCode, hasConditions, type WriteConditions } from '@mti/core';
import { DiskFault } from '../fs/DiskFault';

/**
 * A write's conditions checked against the object stored now, before any byte is written, so a
 * write bound to fail does not copy its data first. commitConditional has the last word.
 */
export async function checkConditionsEarly(
  conditions: WriteConditions,
  currentEtag: () => Promise<string | undefined>,
): Promise<void> {
  if (!hasConditions(conditions)) return;
  const failure = conditionFailure(conditions, await currentEtag());
  if (failure !== undefined) throw new DiskFault(ErrorCode.CONFLICT, failure);
}
