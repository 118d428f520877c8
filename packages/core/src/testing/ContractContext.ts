import { randomUUID } from 'node:crypto';
import type { ElementClass } from '../element/ElementClass';
import { functionsOf } from '../element/functionsOf';
import { ErrorCode } from '../errors/ErrorCode';
import { StorageError } from '../errors/StorageError';
import type { StorageMeta } from '../storage/StorageMeta';
import type { JestGlobals } from './jestGlobals';
import { optionalFunctions, type OptionalFunction, type OptionalStorage } from './OptionalStorage';
import type {
  ContractRefusals,
  ContractSubject,
  ContractUnenforced,
  StorageContractOptions,
} from './StorageContractOptions';

/** One test's own folder of keys: every key it makes is recorded, so the suite can remove it. */
export interface TestFolder {
  /** The folder, without a trailing "/": `mti-contract/1a2b3c4d/7`. */
  readonly path: string;
  /** `path/name`, recorded for cleanup. */
  key(name: string): string;
}

/**
 * What every group of contract tests shares: the Instance (built in `beforeAll`), what it was
 * declared to offer, and a fresh key folder per test. Suites on one bucket never meet: each run
 * has a random namespace and each test a numbered folder inside it.
 */
export class ContractContext {
  readonly namespace: string;
  readonly largeSize: number;
  readonly concurrency: number;
  readonly refuses: ContractRefusals;
  readonly declared: ReadonlySet<string>;
  /** Whether the suite was told the Type reads byte ranges (`ranges`). */
  readonly ranges: boolean;
  /** Whether the suite was told the Type takes conditional writes (`conditionalWrites`). */
  readonly conditionalWrites: boolean;
  /** What the server was declared not to check (`unenforced`). */
  readonly unenforced: ContractUnenforced;
  readonly timeout: number;
  readonly #options: StorageContractOptions;
  readonly #jest: JestGlobals;
  #subject: ContractSubject | undefined;
  #folders = 0;
  readonly #written = new Set<string>();

  constructor(options: StorageContractOptions, jest: JestGlobals) {
    this.#options = options;
    this.#jest = jest;
    this.namespace = `${options.namespace ?? 'mti-contract'}/${randomUUID().slice(0, 8)}`;
    this.largeSize = options.largeSize ?? 3 * 1024 * 1024;
    this.concurrency = options.concurrency ?? 32;
    this.refuses = options.refuses ?? {};
    this.declared = new Set(options.functions ?? []);
    this.ranges = options.ranges ?? false;
    this.conditionalWrites = options.conditionalWrites ?? false;
    this.unenforced = options.unenforced ?? {};
    this.timeout = options.timeout ?? 30_000;
  }

  get storage(): StorageMeta {
    if (this.#subject === undefined) throw new Error('the contract suite has no Instance: its create() failed');
    return this.#subject.storage;
  }

  /** The Instance typed with the optional functions; use only inside `whenOffered` blocks. */
  get optional(): OptionalStorage {
    return this.storage as OptionalStorage;
  }

  /** What the Instance says it offers: `offers` from `create`, else its class's functions. */
  offered(): Set<string> {
    const subject = this.#subject;
    if (subject === undefined) return new Set();
    if (subject.offers !== undefined) return new Set(subject.offers);
    return new Set(functionsOf(subject.storage.constructor as ElementClass).keys());
  }

  offers(name: OptionalFunction): boolean {
    return this.declared.has(name);
  }

  /** The optional functions the suite knows of, as the suite was told the Instance offers them. */
  declaredOptional(): OptionalFunction[] {
    return optionalFunctions.filter((name) => this.declared.has(name));
  }

  folder(): TestFolder {
    const path = `${this.namespace}/${++this.#folders}`;
    return {
      path,
      key: (name) => {
        const key = `${path}/${name}`;
        this.#written.add(key);
        return key;
      },
    };
  }

  describe(title: string, body: () => void): void {
    this.#jest.describe(title, body);
  }

  it(title: string, body: () => Promise<unknown>): void {
    this.#jest.it(title, body, this.timeout);
  }

  todo(title: string): void {
    this.#jest.it.todo(title);
  }

  /** A group of tests for an optional function, or one todo line saying it is not offered. */
  whenOffered(name: OptionalFunction, body: () => void): void {
    if (this.offers(name)) this.describe(name, body);
    else this.describe(name, () => this.todo(`${name}: not among the functions given to the suite`));
  }

  register(): void {
    this.#jest.beforeAll(async () => {
      this.#subject = await this.#options.create();
    }, this.timeout);
    this.#jest.afterEach(() => this.#removeWritten(), this.timeout);
    this.#jest.afterAll(async () => {
      try {
        await this.#removeWritten();
      } finally {
        await this.#subject?.cleanup?.();
      }
    }, this.timeout);
  }

  /**
   * Removes what the last test wrote. A failure here fails the test: a Type whose `delete` does
   * not work would otherwise leave the bucket full and pass.
   */
  async #removeWritten(): Promise<void> {
    if (this.#subject === undefined) return;
    const keys = [...this.#written];
    this.#written.clear();
    if (keys.length === 0) return;
    if (this.#options.remove !== undefined) {
      await this.#options.remove(keys);
      return;
    }
    if (this.refuses.delete !== undefined) {
      throw new Error('refuses.delete is set, so the suite needs `remove` to clean up what it wrote');
    }
    const storage = this.storage;
    // A few at a time: cleanup is not the concurrency test.
    for (let i = 0; i < keys.length; i += 8) {
      await Promise.all(
        keys.slice(i, i + 8).map((key) =>
          storage.delete(key).catch((error: unknown) => {
            // A key a test already removed, or one it never managed to write, is fine.
            if (!(StorageError.is(error) && error.code === ErrorCode.NOT_FOUND)) throw error;
          }),
        ),
      );
    }
  }
}
