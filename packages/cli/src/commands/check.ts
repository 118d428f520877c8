import { loadApp } from '@mti/loader';
import { elementTable } from '../output/elementTable';
import { appEnv } from './appEnv';

/** `mti check <appDir>`: validates every element; exit code 1 when any has an error. */
export async function check(appDir: string, options: { embeddedS3?: boolean; json?: boolean }): Promise<number> {
  const setup = await appEnv(appDir, options.embeddedS3 === true);
  try {
    const app = await loadApp(setup.appDir, { env: setup.env });
    const elements = app.listElements();
    await app.close();
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
  } finally {
    await setup.stop();
  }
}
