import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ElementError } from '@mti/core';
import { AwsS3Type } from '@mti/type-aws-s3';
import { loadApp, type LoadedApp } from '@mti/loader';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

// No call reaches S3 here: the seed config only needs its `${…}` set.
const env = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'x', S3_ACCESS_KEY_SECRET: 'x' };

const folders: TempApp[] = [];
const apps: LoadedApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const folder of folders.splice(0)) folder.cleanup();
});

function folder(files: Record<string, string | object> = {}): TempApp {
  const made = tempApp(files);
  folders.push(made);
  return made;
}

async function load(dir: string): Promise<LoadedApp> {
  const app = await loadApp(dir, { env });
  apps.push(app);
  return app;
}

const info = (app: LoadedApp, fullName: string) => app.listElements().find((e) => e.fullName === fullName);

/** Code that must never run: were it loaded, the element's error would be this one instead. */
const outsideCode = "throw new Error('code from outside the app folder ran');\nexport const x = 1;\n";

/** A folder outside the app holding `x.ts`; its path and the specifier that reaches it from `from`. */
function outsideFolder(): { dir: string; file: string; from(importer: string): string } {
  const outside = folder({ 'x.ts': outsideCode, 'lib/x.ts': outsideCode });
  const dir = realpathSync(outside.dir);
  const file = join(dir, 'x.ts');
  return { dir, file, from: (importer) => relative(dirname(importer), file).replace(/\.ts$/, '') };
}

/** A Type whose entry imports `./helper`, so the offending import is not in the entry itself. */
const typeDeclaration = { title: 'x', type: 'storages.AwsS3Type' };
const entryImportingHelper =
  "import { AwsS3Type } from '@mti/type-aws-s3';\nimport { x } from './helper';\nexport default class T extends AwsS3Type { async x() { return x; } }\n";

/** A Type the refusals must leave alone, and an Instance of it. */
const goodElements = {
  'storages/GoodType/e.json': typeDeclaration,
  'storages/GoodType/index.ts':
    "import { AwsS3Type } from '@mti/type-aws-s3';\nexport default class GoodType extends AwsS3Type { async hello() { return 'good'; } }\n",
  'storages/Good/e.json': { ...seedDeclaration, type: 'storages.GoodType' },
  'storages/Good/Good.json': seedConfig(),
};

async function expectGoodElementsServe(app: LoadedApp): Promise<void> {
  expect(info(app, 'storages.GoodType')?.status).toBe('ready');
  expect(info(app, 'storages.Good')?.status).toBe('ready');
  expect(await app.getElement<{ hello(): Promise<string> }>('storages.Good').hello()).toBe('good');
}

function expectRefused(app: LoadedApp, fullName: string, parts: string[]): void {
  const element = info(app, fullName);
  expect(element?.status).toBe('error');
  expect(element?.error?.code).toBe('INVALID_CONFIG');
  for (const part of parts) expect(element?.error?.message).toContain(part);
  expect(element?.error?.message).not.toContain('code from outside the app folder ran');
}

describe('Type code loads only from inside the app folder', () => {
  it.each([
    ['an import', (specifier: string) => `export { x } from '${specifier}';\n`],
    ['a require', (specifier: string) => `export const x = require('${specifier}').x;\n`],
  ])(
    'refuses %s whose relative path leaves the app folder, naming the importing file and specifier',
    async (_, helper) => {
      const outside = outsideFolder();
      const app = folder(goodElements);
      const importer = join(app.dir, 'storages/Escapes/helper.ts');
      const specifier = outside.from(importer);
      app.write('storages/Escapes/e.json', typeDeclaration);
      app.write('storages/Escapes/index.ts', entryImportingHelper);
      app.write('storages/Escapes/helper.ts', helper(specifier));
      const loaded = await load(app.dir);
      expectRefused(loaded, 'storages.Escapes', [
        'storages/Escapes/helper.ts',
        `"${specifier}"`,
        outside.file,
        'outside the app folder',
      ]);
      // The element's error is about its entry; the refusal it wraps names the importing file.
      const refusal = info(loaded, 'storages.Escapes')?.error?.cause;
      expect(ElementError.is(refusal) && refusal.file).toBe('storages/Escapes/helper.ts');
      await expectGoodElementsServe(loaded);
    },
  );

  it('refuses an absolute path outside the app folder', async () => {
    const outside = outsideFolder();
    const app = folder({
      'storages/Absolute/e.json': typeDeclaration,
      'storages/Absolute/index.ts': entryImportingHelper,
      'storages/Absolute/helper.ts': `export const x = require(${JSON.stringify(outside.file)}).x;\n`,
    });
    expectRefused(await load(app.dir), 'storages.Absolute', ['storages/Absolute/helper.ts', outside.file]);
  });

  it('refuses a helper file that is a symlink to a file outside', async () => {
    const outside = outsideFolder();
    const app = folder({
      ...goodElements,
      'storages/Linked/e.json': typeDeclaration,
      'storages/Linked/index.ts': entryImportingHelper,
    });
    symlinkSync(outside.file, join(app.dir, 'storages/Linked/helper.ts'));
    const loaded = await load(app.dir);
    expectRefused(loaded, 'storages.Linked', [
      'storages/Linked/index.ts',
      '"./helper"',
      outside.file,
      'outside the app folder',
    ]);
    await expectGoodElementsServe(loaded);
  });

  it('refuses an index.ts that is a symlink to a file outside', async () => {
    const outside = outsideFolder();
    const app = folder({ ...goodElements, 'storages/LinkedIndex/e.json': typeDeclaration });
    symlinkSync(outside.file, join(app.dir, 'storages/LinkedIndex/index.ts'));
    const loaded = await load(app.dir);
    expectRefused(loaded, 'storages.LinkedIndex', ['"backendBundleEntry" "." leaves the app folder']);
    await expectGoodElementsServe(loaded);
  });

  it('refuses a symlinked directory leading outside', async () => {
    const outside = outsideFolder();
    const app = folder({
      'storages/LinkedDir/e.json': typeDeclaration,
      'storages/LinkedDir/index.ts': entryImportingHelper,
      'storages/LinkedDir/helper.ts': "export { x } from './lib/x';\n",
    });
    symlinkSync(join(outside.dir, 'lib'), join(app.dir, 'storages/LinkedDir/lib'));
    expectRefused(await load(app.dir), 'storages.LinkedDir', [
      'storages/LinkedDir/helper.ts',
      '"./lib/x"',
      join(outside.dir, 'lib/x.ts'),
    ]);
  });

  it('refuses a path from require.resolve that leads outside, when passed back to require', async () => {
    const outside = outsideFolder();
    const app = folder({
      'storages/Resolved/e.json': typeDeclaration,
      'storages/Resolved/index.ts': entryImportingHelper,
    });
    const specifier = outside.from(join(app.dir, 'storages/Resolved/helper.ts'));
    app.write(
      'storages/Resolved/helper.ts',
      `const where: string = require.resolve('${specifier}');\nexport const x = require(where).x;\n`,
    );
    expectRefused(await load(app.dir), 'storages.Resolved', [
      'storages/Resolved/helper.ts',
      JSON.stringify(outside.file),
      'outside the app folder',
    ]);
  });

  it('refuses a package from a node_modules above the app folder, and says where to install it', async () => {
    const project = folder({
      'node_modules/mti-hoisted/package.json': { name: 'mti-hoisted', main: 'index.js' },
      'node_modules/mti-hoisted/index.js': "throw new Error('code from outside the app folder ran');\n",
      'app/storages/Hoisted/e.json': typeDeclaration,
      'app/storages/Hoisted/index.ts': entryImportingHelper,
      'app/storages/Hoisted/helper.ts': "export const x = require('mti-hoisted');\n",
    });
    expectRefused(await load(join(project.dir, 'app')), 'storages.Hoisted', [
      'storages/Hoisted/helper.ts',
      '"mti-hoisted"',
      join(realpathSync(project.dir), 'node_modules/mti-hoisted/index.js'),
      'install it inside the app folder',
      '@mti/core',
    ]);
  });

  it('refuses a package in the app node_modules that is a symlink to outside', async () => {
    const store = folder({
      'package.json': { name: 'mti-linked', main: 'index.js' },
      'index.js': "throw new Error('code from outside the app folder ran');\n",
    });
    const app = folder({
      'storages/LinkedPkg/e.json': typeDeclaration,
      'storages/LinkedPkg/index.ts': "import x from 'mti-linked';\nexport default x;\n",
    });
    mkdirSync(join(app.dir, 'node_modules'));
    symlinkSync(store.dir, join(app.dir, 'node_modules/mti-linked'));
    expectRefused(await load(app.dir), 'storages.LinkedPkg', ['storages/LinkedPkg/index.ts', '"mti-linked"']);
  });

  it('loads Node built-ins, the shared @mti modules, JSON, links within the app and packages installed in it', async () => {
    const app = folder({
      'storages/AllowedType/e.json': typeDeclaration,
      'storages/AllowedType/index.ts': [
        "import { join } from 'node:path';",
        "import { existsSync } from 'fs';",
        "import { ElementError } from '@mti/core';",
        "import { AwsS3Type } from '@mti/type-aws-s3';",
        "import settings from './settings.json';",
        "import { greet } from './linked';",
        "import pad from 'mti-local';",
        'export default class AllowedType extends AwsS3Type {',
        '  async facts() {',
        "    return { joined: join('a', 'b'), exists: existsSync(__filename), ElementError, prefix: settings.prefix, greeting: greet(), padded: pad('x'), resolved: require.resolve('./settings.json') };",
        '  }',
        '}',
      ].join('\n'),
      'storages/AllowedType/settings.json': { prefix: 'tenant-a' },
      'shared/greet.ts': "export const greet = (): string => 'hello from inside';\n",
      'node_modules/mti-local/package.json': { name: 'mti-local', main: 'index.js' },
      'node_modules/mti-local/index.js': "module.exports = (s) => '[' + s + ']';\n",
      'storages/Allowed/e.json': { ...seedDeclaration, type: 'storages.AllowedType' },
      'storages/Allowed/Allowed.json': seedConfig(),
    });
    symlinkSync(join(app.dir, 'shared/greet.ts'), join(app.dir, 'storages/AllowedType/linked.ts'));
    const loaded = await load(app.dir);
    expect(info(loaded, 'storages.AllowedType')).toMatchObject({ status: 'ready' });
    const allowed = loaded.getElement<AwsS3Type & { facts(): Promise<Record<string, unknown>> }>('storages.Allowed');
    expect(await allowed.facts()).toEqual({
      joined: join('a', 'b'),
      exists: true,
      // The runtime's own @mti/core, not a copy.
      ElementError,
      prefix: 'tenant-a',
      greeting: 'hello from inside',
      padded: '[x]',
      resolved: join(realpathSync(app.dir), 'storages/AllowedType/settings.json'),
    });
  });

  it('still finds the Type packages app.json names in the project around the app folder', async () => {
    const project = folder({
      'node_modules/@acme/mti-types/package.json': { name: '@acme/mti-types', main: 'index.js' },
      'node_modules/@acme/mti-types/index.js':
        "const { AwsS3Type } = require('@mti/type-aws-s3');\nconst { title } = require('./title');\nclass AcmeS3Type extends AwsS3Type {}\nexports.registrations = [{ fullName: 'storages.AcmeS3Type', title, type: 'storages.Meta', implementation: AcmeS3Type, source: '@acme/mti-types' }];\n",
      'node_modules/@acme/mti-types/title.js': "exports.title = 'Acme S3';\n",
      'app/app.json': { typePackages: ['@acme/mti-types'] },
      'app/storages/Acme/e.json': { ...seedDeclaration, type: 'storages.AcmeS3Type' },
      'app/storages/Acme/Acme.json': seedConfig(),
    });
    const app = await load(join(project.dir, 'app'));
    expect(info(app, 'storages.AcmeS3Type')).toMatchObject({ kind: 'type', status: 'ready' });
    expect(info(app, 'storages.Acme')?.status).toBe('ready');
  });
});
