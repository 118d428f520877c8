import { elementTable } from '../output/elementTable';
import { withLoadedApp } from './withLoadedApp';

/** `mti check <appDir>`: validates every element; exit code 1 when any has an error. */
export function check(appDir: string, options: { embeddedS3?: boolean; json?: boolean }): Promise<number> {
  return withLoadedApp(appDir, options.embeddedS3 === true, async (app) => {
    const elements = app.listElements();
    const broken = elements.filter((e) => e.status === 'error');
    if (options.json === true) {
      process.stdout.write(
        `${JSON.stringify(
          elements.map((e) => ({ ...e, error: e.error?.toJSON() })),
          null,
          2,
        )}\n`,
      );
    } else {
      process.stdout.write(
        `${elementTable(elements, true)}\n\n${elements.length} elements, ${broken.length} with errors\n`,
      );
    }
    return broken.length === 0 ? 0 : 1;
  });
}
