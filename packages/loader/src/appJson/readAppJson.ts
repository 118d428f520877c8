import { createRequire } from 'node:module';
import { join } from 'node:path';
import { configIssues, formatIssues, typePackageProblem, z, type ElementRegistration } from '@mti/core';
import type { ModuleEvaluator } from '../code/ModuleEvaluator';
import { registrationsProblems } from '../official/registrationProblem';
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
  if (!parsed.success) throw configIssues({ file: 'app.json' }, formatIssues(parsed.error));
  const resolveFromApp = createRequire(path);
  return parsed.data.typePackages.flatMap((name) => {
    let entry: string;
    try {
      entry = resolveFromApp.resolve(name);
    } catch {
      throw typePackageProblem(name, `cannot be found from ${appDir}`, 'install it in the app');
    }
    const exported = evaluator.load(entry).exports as { registrations?: unknown };
    if (exported.registrations === undefined) {
      throw typePackageProblem(
        name,
        'exports no "registrations" array',
        'a Type package exports the Metas and Types it adds as `registrations`',
      );
    }
    const problems = registrationsProblems(exported.registrations);
    if (problems.length > 0)
      throw typePackageProblem(name, `exports registrations that are not: ${problems.join('; ')}`);
    return exported.registrations as ElementRegistration[];
  });
}
