import { inspect } from 'node:util';
import { AwsS3Type } from '@mti/type-aws-s3';
import { loadApp, type LoadedApp } from '@mti/loader';
import { appsOnS3 } from './support/appsOnS3';
import { seedConfig, seedDeclaration } from './support/tempApp';

const apps = appsOnS3();
const load = apps.load;

const byName = (app: LoadedApp) => new Map(app.listElements().map((e) => [e.fullName, e]));

describe('loadApp', () => {
  it('turns the seed folder into a working storages.MyS3, official Type included', async () => {
    const app = await load({ 'storages/MyS3/e.json': seedDeclaration, 'storages/MyS3/MyS3.json': seedConfig() });
    expect(byName(app).get('storages.MyS3')).toMatchObject({
      kind: 'instance',
      type: 'storages.AwsS3Type',
      status: 'ready',
    });
    expect(byName(app).get('storages.AwsS3Type')).toMatchObject({ kind: 'type', origin: 'builtin' });
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const result = await s3.uploadByFile('a/b.txt', Buffer.from('data'), 'text/plain');
    expect(result.url).toBe(`${apps.endpoint()}/mti-test/a/b.txt`);
    expect((await s3.download('a/b.txt')).toString()).toBe('data');
  });

  it('finds elements at any depth, skipping node_modules, dist and dot-folders', async () => {
    const app = await load({
      'a/b/c/Deep/e.json': seedDeclaration,
      'a/b/c/Deep/Deep.json': seedConfig(),
      'node_modules/x/Hidden/e.json': seedDeclaration,
      'dist/Built/e.json': seedDeclaration,
      '.cache/Dot/e.json': seedDeclaration,
      'storages/.mti/Data/e.json': seedDeclaration,
    });
    const names = app
      .listElements()
      .filter((e) => e.origin === 'app')
      .map((e) => e.fullName);
    expect(names).toEqual(['a.b.c.Deep']);
  });

  it('keeps one broken element from stopping the others, naming file and field', async () => {
    const app = await load({
      'storages/Good/e.json': seedDeclaration,
      'storages/Good/Good.json': seedConfig(),
      'storages/BadJson/e.json': '{\n  "title": "x",\n  "type": "storages.AwsS3Type",\n}\n',
      'storages/BadField/e.json': seedDeclaration,
      'storages/BadField/BadField.json': seedConfig({ region: 7 }),
      'storages/Bad-Name/e.json': seedDeclaration,
      'storages/NoConfig/e.json': seedDeclaration,
    });
    const info = byName(app);
    expect(info.get('storages.Good')?.status).toBe('ready');
    const badJson = info.get('storages.BadJson')?.error;
    expect(badJson).toMatchObject({ code: 'INVALID_CONFIG', file: 'storages/BadJson/e.json' });
    expect(badJson?.message).toMatch(/^storages\.BadJson: storages\/BadJson\/e\.json: invalid JSON: .*line 4/);
    expect(info.get('storages.BadField')?.error).toMatchObject({
      file: 'storages/BadField/BadField.json',
      field: 'region',
    });
    expect(info.get('storages.Bad-Name')?.error?.message).toContain('"Bad-Name" is not a valid name part');
    expect(info.get('storages.NoConfig')?.error?.message).toContain(
      'storages/NoConfig/NoConfig.json (the file does not exist)',
    );
    await expect(app.getElement<AwsS3Type>('storages.BadField').download('x')).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
    });
  });

  it('quotes no part of a config whose invalid JSON holds a secret, and still says where', async () => {
    const secret = 'abcd1234secret';
    const app = await load({
      'storages/MyS3/e.json': seedDeclaration,
      // Single quotes: JSON.parse's own message would quote `'abcd1234s`.
      'storages/MyS3/MyS3.json': `{\n  "endPoint": "\${S3_ENDPOINT}",\n  "accessKeySecret": '${secret}'\n}\n`,
    });
    const error = byName(app).get('storages.MyS3')?.error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', file: 'storages/MyS3/MyS3.json' });
    expect(error?.message).toBe(
      'storages.MyS3: storages/MyS3/MyS3.json: invalid JSON: invalid symbol at line 3, column 22',
    );
    const shown = [error?.message, inspect(error, { depth: Infinity }), JSON.stringify(app.listElements())].join('\n');
    const pieces = [...secret].map((_, i) => secret.slice(i, i + 4)).filter((piece) => piece.length === 4);
    expect(pieces.filter((piece) => shown.includes(piece))).toEqual([]);
  });

  it.each([
    ['a trailing comma', '{\n  "region": "us-east-1",\n}', 'property name expected at line 3, column 1'],
    ['a comment', '// config\n{}', 'invalid comment token at line 1, column 1'],
    ['an unclosed object', '{ "region": "us-east-1"', 'close brace expected at line 1, column 24'],
    ['an empty file', '', 'value expected at line 1, column 1'],
    ['text after the value', '{}\n{}', 'end of file expected at line 2, column 1'],
  ])('reports %s by line and column', async (_label, text, where) => {
    const app = await load({ 'storages/MyS3/e.json': seedDeclaration, 'storages/MyS3/MyS3.json': text });
    expect(byName(app).get('storages.MyS3')?.error?.message).toBe(
      `storages.MyS3: storages/MyS3/MyS3.json: invalid JSON: ${where}`,
    );
  });

  it('loads Type packages named in app.json, sharing the runtime AwsS3Type', async () => {
    const app = await load({
      'app.json': { typePackages: ['@acme/mti-types'] },
      'node_modules/@acme/mti-types/package.json': { name: '@acme/mti-types', main: 'index.js' },
      'node_modules/@acme/mti-types/index.js': [
        "const { AwsS3Type } = require('@mti/type-aws-s3');",
        "const { suffix } = require('./suffix');",
        'class AcmeS3Type extends AwsS3Type {',
        '  uploadByFile(name, ...rest) { return super.uploadByFile(name + suffix, ...rest); }',
        '  async baseClass() { return Object.getPrototypeOf(AcmeS3Type); }',
        '}',
        'exports.AcmeS3Type = AcmeS3Type;',
        "exports.registrations = [{ fullName: 'storages.AcmeS3Type', title: 'Acme S3', type: 'storages.Meta', implementation: AcmeS3Type, source: '@acme/mti-types' }];",
      ].join('\n'),
      'node_modules/@acme/mti-types/suffix.js': "exports.suffix = '.acme';",
      'storages/Acme/e.json': { ...seedDeclaration, type: 'storages.AcmeS3Type' },
      'storages/Acme/Acme.json': seedConfig(),
    });
    expect(byName(app).get('storages.AcmeS3Type')).toMatchObject({ kind: 'type', origin: 'builtin' });
    const acme = app.getElement<AwsS3Type & { baseClass(): Promise<unknown> }>('storages.Acme');
    expect((await acme.uploadByFile('f', 'x')).key).toBe('f.acme');
    // One AwsS3Type in the process: the package extended the class this test imported.
    expect(await acme.baseClass()).toBe(AwsS3Type);
  });

  it.each([
    [{ typePackages: 'nope' }, 'app.json: "typePackages": Invalid input: expected array'],
    [{ typePackages: ['@acme/missing'] }, 'type package "@acme/missing" cannot be found'],
    [{ typo: [] }, 'app.json: "typo": unknown field "typo"'],
  ])('refuses app.json %j', async (appJson, message) => {
    const folder = apps.folder({ 'app.json': appJson });
    await expect(loadApp(folder.dir)).rejects.toThrow(message);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(loadApp('/nonexistent/mti-app')).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
