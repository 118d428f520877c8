import { elementTable } from '../output/elementTable';
import { withLoadedApp } from './withLoadedApp';

/** `mti ls <appDir>`: elements with kind, type and status. */
export function ls(appDir: string, options: { embeddedS3?: boolean; json?: boolean }): Promise<number> {
  return withLoadedApp(appDir, options.embeddedS3 === true, async (app) => {
    const elements = app.listElements();
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(
            elements.map(({ fullName, kind, type, status }) => ({ fullName, kind, type, status })),
            null,
            2,
          )}\n`
        : `${elementTable(elements)}\n`,
    );
    return 0;
  });
}
