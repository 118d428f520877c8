import { AwsS3Type } from '@mti/type-aws-s3';
import { loadApp, type LoadedApp } from '@mti/loader';
import { appsOnS3 } from './support/appsOnS3';
import { seedConfig, seedDeclaration } from './support/tempApp';

const apps = appsOnS3();
const load = apps.load;

const info = (app: LoadedApp, fullName: string) => app.listElements().find((e) => e.fullName === fullName);

/** A team's override in TypeScript: a tenant prefix on every key and an audit line per call. */
const overrideCode = `
import type { UploadData, UploadOptions, UploadResult } from '@mti/core';
import { AwsS3Type } from '@mti/type-aws-s3';
import { tenantKey } from './tenant';

export const audit: string[] = [];

export default class TenantAwsS3Type extends AwsS3Type {
  override async uploadByFile(name: string, data: UploadData, contentType?: string, options?: UploadOptions): Promise<UploadResult> {
    audit.push(\`\${this.fullName} uploadByFile \${name}\`);
    return super.uploadByFile(tenantKey(name), data, contentType, options);
  }
  override async download(name: string): Promise<Buffer> {
    audit.push(\`\${this.fullName} download \${name}\`);
    return super.download(tenantKey(name));
  }
  async auditLog(): Promise<string[]> {
    return audit;
  }
  async baseClass(): Promise<unknown> {
    return Object.getPrototypeOf(TenantAwsS3Type);
  }
}
`;

type Tenant = AwsS3Type & { auditLog(): Promise<string[]>; baseClass(): Promise<unknown> };

describe('Types in the app folder', () => {
  it('an app Type under the official fullName overrides it; super reaches S3', async () => {
    const app = await load({
      'storages/AwsS3Type/e.json': { title: 'Our S3', type: 'storages.Meta' },
      'storages/AwsS3Type/index.ts': overrideCode,
      'storages/AwsS3Type/tenant.ts': 'export const tenantKey = (name: string): string => `tenant-a/${name}`;\n',
      'storages/MyS3/e.json': seedDeclaration,
      'storages/MyS3/MyS3.json': seedConfig(),
    });
    expect(info(app, 'storages.AwsS3Type')).toMatchObject({
      kind: 'type',
      origin: 'app',
      overrides: '@mti/type-aws-s3',
      status: 'ready',
    });
    const s3 = app.getElement<Tenant>('storages.MyS3');
    expect((await s3.uploadByFile('report.pdf', 'pdf', 'application/pdf')).key).toBe('tenant-a/report.pdf');
    expect((await s3.download('report.pdf')).toString()).toBe('pdf');
    expect(await s3.auditLog()).toEqual(['storages.MyS3 uploadByFile report.pdf', 'storages.MyS3 download report.pdf']);
    // The app folder has no node_modules: the import still got the runtime's own class.
    expect(await s3.baseClass()).toBe(AwsS3Type);

    // Another app on the same bucket keeps the official class and sees where super put the object.
    const plain = await load({ 'storages/MyS3/e.json': seedDeclaration, 'storages/MyS3/MyS3.json': seedConfig() });
    expect(info(plain, 'storages.AwsS3Type')?.origin).toBe('builtin');
    const raw = plain.getElement<AwsS3Type>('storages.MyS3');
    expect((await raw.download('tenant-a/report.pdf')).toString()).toBe('pdf');
    expect(await raw.exists('report.pdf')).toBe(false);
  });

  it('a new Type may extend the official one, and Instances may name it', async () => {
    const app = await load({
      'storages/TenantS3Type/e.json': { title: 'Tenant S3', type: 'storages.AwsS3Type' },
      'storages/TenantS3Type/index.ts': overrideCode,
      'storages/TenantS3Type/tenant.ts': 'export const tenantKey = (name: string): string => `tenant-b/${name}`;\n',
      'storages/Tenant/e.json': { ...seedDeclaration, type: 'storages.TenantS3Type' },
      'storages/Tenant/Tenant.json': seedConfig(),
      'storages/Plain/e.json': seedDeclaration,
      'storages/Plain/Plain.json': seedConfig(),
    });
    expect(info(app, 'storages.TenantS3Type')).toMatchObject({
      kind: 'type',
      type: 'storages.AwsS3Type',
      status: 'ready',
    });
    expect((await app.getElement<Tenant>('storages.Tenant').uploadByFile('x', 'x')).key).toBe('tenant-b/x');
    expect((await app.getElement<AwsS3Type>('storages.Plain').uploadByFile('x', 'x')).key).toBe('x');
  });

  it('loads index.js too, and a backendBundleEntry naming a file', async () => {
    const app = await load({
      'storages/JsType/e.json': { title: 'JS', type: 'storages.AwsS3Type', backendBundleEntry: 'src/type.js' },
      'storages/JsType/src/type.js':
        "const { AwsS3Type } = require('@mti/type-aws-s3');\nmodule.exports = class JsType extends AwsS3Type { async hello() { return 'js'; } };\n",
      'storages/J/e.json': { ...seedDeclaration, type: 'storages.JsType' },
      'storages/J/J.json': seedConfig(),
    });
    expect(await app.getElement<{ hello(): Promise<string> }>('storages.J').hello()).toBe('js');
  });

  it.each([
    [
      { 'storages/Out/e.json': { title: 'x', type: 'storages.AwsS3Type', backendBundleEntry: '../../../etc' } },
      'storages.Out',
      /"backendBundleEntry" "..\/..\/..\/etc" leaves the app folder/,
    ],
    [
      {
        'storages/Throws/e.json': { title: 'x', type: 'storages.AwsS3Type' },
        'storages/Throws/index.ts': "throw new Error('boom at load');\n",
      },
      'storages.Throws',
      /storages\/Throws\/index\.ts: the code failed to load: boom at load/,
    ],
    [
      {
        'storages/Syntax/e.json': { title: 'x', type: 'storages.AwsS3Type' },
        'storages/Syntax/index.ts': 'export default class {\n',
      },
      'storages.Syntax',
      /the code failed to load/,
    ],
    [
      {
        'storages/NoClass/e.json': { title: 'x', type: 'storages.AwsS3Type' },
        'storages/NoClass/index.ts': 'export const x = 1;\n',
      },
      'storages.NoClass',
      /must default-export the Type's class/,
    ],
    [
      {
        'storages/Half/e.json': { title: 'x', type: 'storages.Meta' },
        'storages/Half/index.ts':
          "import { StorageMeta } from '@mti/core';\nexport default abstract class Half extends StorageMeta { async download() { return Buffer.alloc(0); } }\n",
      },
      'storages.Half',
      /does not implement uploadByFile\(\), getObject\(\), delete\(\), getSignUrl\(\)/,
    ],
  ])('reports broken Type code (%#)', async (files, fullName, message) => {
    const app = await load(files as Record<string, string | object>);
    const element = info(app, fullName);
    expect(element?.status).toBe('error');
    expect(element?.error?.code).toBe('INVALID_CONFIG');
    expect(element?.error?.message).toMatch(message);
  });

  it('refuses a symlink that brings code in from outside the app', async () => {
    const outside = apps.folder({ 'index.ts': 'export default class Evil {}\n' });
    const folder = apps.folder({
      'storages/Linked/e.json': { title: 'x', type: 'storages.AwsS3Type', backendBundleEntry: 'code' },
    });
    require('node:fs').symlinkSync(outside.dir, `${folder.dir}/storages/Linked/code`);
    const app = await loadApp(folder.dir, { env: apps.env() });
    expect(info(app, 'storages.Linked')?.error?.message).toContain('leaves the app folder');
    await app.close();
  });
});
