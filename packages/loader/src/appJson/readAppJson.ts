import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ElementError, ErrorCode, z, type ElementRegistration } from '@mti/core';
import type { ModuleEvaluator } from '../code/ModuleEvaluator';
import { readJsonFile } from '../scan/readJsonFile';

const appJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Packages whose `registrations` export adds Metas and Types to this app. */
  typePackages: z.array(z.string().min(1)).default([]),
});

/**
 * The optional `app.json` at the app root, and the registrations of the Type packages it names.
 * Packages are loaded through the app's evaluator, so their `@mti/*` imports are the runtime's.
 */
export async function readAppJson(appDir: string, evaluator: ModuleEvaluator): Promise<ElementRegistration[]> {
  const path = join(appDir, 'app.json');
  const json = await readJsonFile(path, 'app.json', 'app');
  if (json === undefined) return [];
  const parsed = appJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      file: 'app.json',
      field: issue?.path.join('.'),
      message: `app.json: "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
    });
  }
  const resolveFromApp = createRequire(path);
  return parsed.data.typePackages.flatMap((name) => {
    let entry: string;
    try {
      entry = resolveFromApp.resolve(name);
    } catch {
      throw new ElementError({
        code: ErrorCode.INVALID_CONFIG,
        file: 'app.json',
        field: 'typePackages',
        message: `app.json: type package "${name}" cannot be found from ${appDir}; install it in the app`,
      });
    }
    const exported = evaluator.load(entry).exports as { registrations?: unknown };
    if (!Array.isArray(exported.registrations)) {
      throw new ElementError({
        code: ErrorCode.INVALID_CONFIG,
        file: 'app.json',
        field: 'typePackages',
        message: `app.json: type package "${name}" exports no "registrations" array`,
      });
    }
    return exported.registrations as ElementRegistration[];
  });
}
