import { LocalFileError } from './LocalFileError';
import { ObjectChanged } from './ObjectChanged';
import { PartInterrupted } from './PartInterrupted';

/**
 * Whether a part's request is worth sending again, as the SDK would retry one: a body that broke
 * off, a connection that failed or went quiet, a server error or a request to slow down. Not a
 * refusal (4xx), a changed object or a local file's failure: those fail the same way again.
 */
export function retryable(error: unknown): boolean {
  if (error instanceof PartInterrupted) return true;
  if (error instanceof ObjectChanged || error instanceof LocalFileError) return false;
  const found = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  const status = found?.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429 || found?.name === 'SlowDown';
  return found?.name === 'TimeoutError' || (typeof found?.code === 'string' && /^E[A-Z]+$/.test(found.code));
}

/** The wait before attempt `attempt` (2, 3, …): 100 ms, doubling, at most 2 s. */
export function backoffMs(attempt: number): number {
  return Math.min(2000, 100 * 2 ** (attempt - 2));
}
