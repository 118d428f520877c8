import { access } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether an element folder is a Type's: it has code (`index.ts`/`index.js`, or a
 * `backendBundleEntry` elsewhere). A Type whose code fails to load lists as an Instance in error
 * (its kind is unknown), so the folder itself is asked before it is overwritten or deleted.
 */
export async function holdsTypeCode(folder: string, declaration: unknown): Promise<boolean> {
  const entry = (declaration as { backendBundleEntry?: unknown } | null | undefined)?.backendBundleEntry;
  if (typeof entry === 'string' && entry !== '' && entry !== '.' && entry !== './') return true;
  for (const name of ['index.ts', 'index.js']) {
    if (
      await access(join(folder, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}
