import { elementJson } from '../output/elementJson';
import { elementTable } from '../output/elementTable';
import { terminalSafe } from '../output/terminalSafe';
import type { EmbeddedOptions } from './appEnv';
import { withLoadedApp } from './withLoadedApp';

/** `mti check <appDir>`: validates every element; exit code 1 when any has an error. */
export function check(appDir: string, options: EmbeddedOptions & { json?: boolean }): Promise<number> {
  return withLoadedApp(appDir, options, async (app) => {
    const elements = app.listElements();
    const broken = elements.filter((e) => e.status === 'error');
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(elements.map(elementJson), null, 2)}\n`
        : `${terminalSafe(elementTable(elements, true))}\n\n${elements.length} elements, ${broken.length} with errors\n`,
    );
    return broken.length === 0 ? 0 : 1;
  });
}
