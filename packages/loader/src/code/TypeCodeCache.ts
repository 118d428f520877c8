import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EvaluatedModule, ModuleEvaluator } from './ModuleEvaluator';

/**
 * Re-evaluates an entry only when one of the files it read has changed. A re-evaluated class is
 * a new object, and a new class rebuilds every Instance of the Type: an unrelated save (an
 * editor's temp file, a touched config) must not do that.
 */
export class TypeCodeCache {
  readonly #evaluator: ModuleEvaluator;
  readonly #entries = new Map<string, EvaluatedModule>();

  constructor(evaluator: ModuleEvaluator) {
    this.#evaluator = evaluator;
  }

  load(entry: string): EvaluatedModule {
    const previous = this.#entries.get(entry);
    if (previous !== undefined && unchanged(previous.files)) return previous;
    this.#entries.delete(entry);
    const loaded = this.#evaluator.load(entry);
    this.#entries.set(entry, loaded);
    return loaded;
  }

  forget(entry: string): void {
    this.#entries.delete(entry);
  }
}

function unchanged(files: ReadonlyMap<string, string>): boolean {
  for (const [file, hash] of files) {
    try {
      if (createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex') !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}
