import { loadApp } from '@mti/loader';
import { elementTable } from '../output/elementTable';
import { appEnv } from './appEnv';

/** `mti ls <appDir>`: elements with kind, type and status. */
export async function ls(appDir: string, options: { embeddedS3?: boolean; json?: boolean }): Promise<number> {
  const setup = await appEnv(appDir, options.embeddedS3 === true);
  try {
    const app = await loadApp(setup.appDir, { env: setup.env });
    const elements = app.listElements();
    await app.close();
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
  } finally {
    await setup.stop();
  }
}
