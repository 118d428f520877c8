import { inspect } from 'node:util';
import type { Logger } from '../logging/Logger';
import type { ElementAppApi } from './ElementAppApi';
import type { ElementContext } from './ElementContext';

/**
 * Base class of everything the container builds. The context lives in a private field, so
 * `util.inspect` and `JSON.stringify` of an instance show only what `toJSON` chooses.
 */
export abstract class Element<TConfig = unknown> {
  readonly #context: ElementContext<TConfig>;

  constructor(context: ElementContext<TConfig>) {
    this.#context = context;
  }

  get fullName(): string {
    return this.#context.fullName;
  }

  get title(): string {
    return this.#context.title;
  }

  /** fullName of the Type that built this instance. */
  get type(): string {
    return this.#context.type;
  }

  get config(): TConfig {
    return this.#context.config;
  }

  get logger(): Logger {
    return this.#context.logger;
  }

  get app(): ElementAppApi {
    return this.#context.app;
  }

  protected get secretFields(): readonly string[] {
    return this.#context.secretFields;
  }

  /** Releases clients, sockets and timers. Runs once, after the calls in flight have drained. */
  dispose(): void | Promise<void> {}

  toJSON(): Record<string, unknown> {
    return { fullName: this.fullName, type: this.type, title: this.title, config: this.config };
  }

  [inspect.custom](depth: number, options: object): string {
    return `${this.constructor.name} ${inspect(this.toJSON(), { ...options, depth })}`;
  }
}
