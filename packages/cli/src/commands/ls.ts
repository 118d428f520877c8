import { elementJson } from '../output/elementJson';
import { elementTable } from '../output/elementTable';
import { terminalSafe } from '../output/terminalSafe';
import type { EmbeddedOptions } from './appEnv';
import { withLoadedApp } from './withLoadedApp';

/** `mti ls <appDir>`: elements with kind, type, origin and status. */
export function ls(appDir: string, options: EmbeddedOptions & { json?: boolean }): Promise<number> {
  return withLoadedApp(appDir, options, async (app) => {
    const elements = app.listElements();
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(elements.map(elementJson), null, 2)}\n`
        : `${terminalSafe(elementTable(elements))}\n`,
    );
    return 0;
  });
}
