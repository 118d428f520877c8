import { join } from 'node:path';

/**
 * Where the built console is: `packages/cli/console`, made by `pnpm build` from
 * `packages/console` and shipped in the cli package. This file runs as
 * `dist/gateway/console/defaultConsoleFolder.js` (or from `src/…` under the tests), three levels
 * below the package either way.
 */
export function defaultConsoleFolder(): string {
  return join(__dirname, '..', '..', '..', 'console');
}
