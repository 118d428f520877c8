import { inspect } from 'node:util';
import { createInstanceModule, createTypeModule, type ElementModule } from '../container/createElementModule';
import { ElementContainer } from '../container/ElementContainer';
import type { ElementAppApi } from '../element/ElementAppApi';
import type { ElementContext } from '../element/ElementContext';
import type { ElementFunction } from '../element/ElementFunctions';
import { functionsOf } from '../element/functionsOf';
import type { ElementInfo } from '../element/ElementInfo';
import type { ElementRecord } from '../element/ElementRecord';
import type { ElementRegistration } from '../element/ElementRegistration';
import { ElementError } from '../errors/ElementError';
import { ElementNotFoundError } from '../errors/ElementNotFoundError';
import { ErrorCode } from '../errors/ErrorCode';
import type { Logger } from '../logging/Logger';
import type { Served } from './createHandle';
import { createHandle } from './createHandle';
import type { ConfigSchemaInfo } from './ConfigSchemaInfo';
import type { ElementChange } from './ElementChange';
import { Generation, type Retirement } from './Generation';
import type { ResolvedElement } from './ResolvedElement';
import { resolveElements } from './resolveElements';
import { suggestNames } from './suggestNames';

interface Serving {
  resolved: ResolvedElement;
  module: ElementModule;
  /** Instances only. */
  generation?: Generation;
  /** What handles get for this version, made once rather than per call. */
  served?: Served;
}

interface Entry {
  /** The latest resolution, which may be an error. */
  current: ResolvedElement;
  /** The last good version, still answering calls while `current` is an error. */
  serving?: Serving;
}

export interface AppInit {
  name: string;
  registrations: readonly ElementRegistration[];
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** How long a replaced or closing instance's open streams may still run. */
  closeTimeoutMs: number;
}

/** A running app: its elements, their container, and the handles user code holds. */
export class App implements ElementAppApi {
  readonly name: string;
  readonly #registrations: readonly ElementRegistration[];
  readonly #logger: Logger;
  readonly #closeTimeoutMs: number;
  readonly #container = new ElementContainer();
  readonly #entries = new Map<string, Entry>();
  readonly #handles = new Map<string, unknown>();
  readonly #retiring = new Set<Promise<void>>();
  #env: Readonly<Record<string, string | undefined>>;
  #closing: Promise<void> | undefined;

  /** @internal Use `createApp`. */
  constructor(init: AppInit) {
    this.name = init.name;
    this.#registrations = init.registrations;
    this.#env = init.env;
    this.#logger = init.logger;
    this.#closeTimeoutMs = init.closeTimeoutMs;
  }

  /**
   * Brings the app in line with a new set of element records (the loader calls this on every
   * file change). Unchanged elements keep their instances; changed ones get a new generation;
   * an element whose new version is broken keeps serving its last good one.
   */
  update(
    records: readonly ElementRecord[],
    env: Readonly<Record<string, string | undefined>> = this.#env,
  ): ElementChange[] {
    this.#assertOpen('update');
    this.#env = env;
    const resolved = resolveElements({ registrations: this.#registrations, records, env });
    const changes: ElementChange[] = [];
    const seen = new Set<string>();
    for (const element of resolved) {
      seen.add(element.fullName);
      const change = this.#apply(element);
      if (change !== undefined) changes.push(change);
    }
    for (const [fullName, entry] of this.#entries) {
      if (seen.has(fullName)) continue;
      this.#entries.delete(fullName);
      this.#deactivate(entry.serving, `${fullName} was removed`);
      changes.push({ fullName, status: 'removed' });
    }
    for (const change of changes) {
      if (change.status === 'error')
        this.#logger.warn({ element: change.fullName, error: change.error }, change.error?.message);
      else this.#logger.debug({ element: change.fullName }, `element ${change.status}`);
    }
    return changes;
  }

  getElement<T = unknown>(fullName: string): T {
    this.#assertOpen('getElement');
    const entry = this.#entries.get(fullName);
    if (entry === undefined) {
      throw new ElementNotFoundError(fullName, suggestNames(fullName, this.#instanceNames()));
    }
    const kind = kindOf(entry);
    if (kind === 'meta' || kind === 'type') {
      throw new ElementError({
        code: ErrorCode.INVALID_ARGUMENT,
        element: fullName,
        message:
          `${fullName} is a ${kind === 'meta' ? 'Meta' : 'Type'}; getElement returns Instances` +
          ` (${this.#instanceNames().slice(0, 3).join(', ') || 'none in this app yet'})`,
      });
    }
    let handle = this.#handles.get(fullName);
    if (handle === undefined) {
      handle = createHandle<unknown>(fullName, () => this.#serve(fullName));
      this.#handles.set(fullName, handle);
    }
    return handle as T;
  }

  /**
   * The functions an Instance offers to outside callers (its Type's `static functions`, with
   * inherited ones). Throws like `getElement` for unknown names, Metas and Types, and with the
   * element's own error when it has no good version to serve.
   */
  functionsOf(fullName: string): Map<string, ElementFunction> {
    this.getElement(fullName);
    return functionsOf(this.#serve(fullName).implementation);
  }

  /**
   * A Meta's or Type's config schema and secret fields (its class's statics), for tools that
   * edit Instance configs. Throws NOT_FOUND for unknown names, INVALID_ARGUMENT for Instances,
   * and the element's own error when it has no version to describe.
   */
  configSchemaOf(fullName: string): ConfigSchemaInfo {
    this.#assertOpen('configSchemaOf');
    const entry = this.#entries.get(fullName);
    if (entry === undefined) {
      throw new ElementNotFoundError(fullName, suggestNames(fullName, [...this.#entries.keys()]));
    }
    const kind = kindOf(entry);
    const shown = entry.serving?.resolved ?? entry.current;
    if (kind === 'instance') {
      throw new ElementError({
        code: ErrorCode.INVALID_ARGUMENT,
        element: fullName,
        message: `${fullName} is an Instance; config schemas belong to Types (its Type is ${shown.type})`,
      });
    }
    // Undefined only for an element whose declaration could not be read, which has an error.
    if (kind === undefined) throw entry.current.error as ElementError;
    const implementation = shown.implementation;
    return {
      fullName,
      kind,
      ...(implementation?.configSchema === undefined ? {} : { configSchema: implementation.configSchema }),
      secretFields: implementation?.secretFields ?? [],
    };
  }

  /** The variables `${VAR}` in Instance configs resolved from at the latest update. */
  configEnv(): Readonly<Record<string, string | undefined>> {
    return this.#env;
  }

  listElements(): ElementInfo[] {
    return [...this.#entries.values()].map(({ current, serving }) => {
      const shown = current.error === undefined ? current : (serving?.resolved ?? current);
      return {
        fullName: current.fullName,
        title: shown.title,
        kind: shown.kind ?? 'instance',
        type: shown.type,
        ...(shown.meta === undefined ? {} : { meta: shown.meta }),
        status: current.error === undefined ? 'ready' : 'error',
        ...(current.error === undefined ? {} : { error: current.error }),
        origin: current.origin,
        ...(current.overrides === undefined ? {} : { overrides: current.overrides }),
      };
    });
  }

  /**
   * Disposes every instance once its calls have drained; resolves when nothing is left open.
   * Streams calls returned may run `closeTimeoutMs` more, then end with a TIMEOUT error.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const reason = `app "${this.name}" was closing`;
      for (const entry of this.#entries.values()) this.#deactivate(entry.serving, reason);
      this.#entries.clear();
      this.#handles.clear();
      while (this.#retiring.size > 0) await Promise.all([...this.#retiring]);
      await this.#container.unbindAll();
    })();
    return this.#closing;
  }

  [inspect.custom](): string {
    return `App(${this.name}, ${this.#entries.size} elements)`;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, elements: this.listElements() };
  }

  #apply(element: ResolvedElement): ElementChange | undefined {
    const entry = this.#entries.get(element.fullName);
    const previous = entry?.current;
    if (entry === undefined) this.#entries.set(element.fullName, { current: element });
    else entry.current = element;
    const target = this.#entries.get(element.fullName) as Entry;
    if (element.error !== undefined) {
      return previous?.error?.message === element.error.message
        ? undefined
        : { fullName: element.fullName, status: 'error', error: element.error };
    }
    if (target.serving?.resolved.fingerprint === element.fingerprint) {
      target.serving.resolved = element;
      target.serving.served = undefined;
      return previous?.error === undefined ? undefined : { fullName: element.fullName, status: 'ready' };
    }
    this.#activate(target, element);
    return { fullName: element.fullName, status: 'ready' };
  }

  #activate(entry: Entry, element: ResolvedElement): void {
    const old = entry.serving;
    if (old !== undefined) this.#container.unload(old.module);
    let serving: Serving;
    if (element.kind === 'instance') {
      const context: ElementContext<unknown> = Object.freeze({
        fullName: element.fullName,
        title: element.title,
        type: element.type,
        config: element.config,
        secretFields: element.secretFields,
        app: this,
        logger: this.#logger.child({ element: element.fullName }),
      });
      const module = createInstanceModule(element.type, context);
      const token = module.instanceToken as symbol;
      const generation = new Generation(element.fullName, () => this.#container.get<object>(token));
      serving = { resolved: element, module, generation };
    } else {
      serving = { resolved: element, module: createTypeModule(element.fullName, element.implementation!) };
    }
    this.#container.load(serving.module);
    entry.serving = serving;
    if (old?.generation !== undefined) this.#retire(old.generation, `${element.fullName} was reloaded`);
  }

  #deactivate(serving: Serving | undefined, reason: string): void {
    if (serving === undefined) return;
    this.#container.unload(serving.module);
    if (serving.generation !== undefined) this.#retire(serving.generation, reason);
  }

  /**
   * Disposes a generation in the background once its calls are over. A replaced version gets
   * the same grace for its streams as a closing app: long enough for a download to finish on
   * the client it started on, bounded so that a consumer that stopped reading cannot keep an
   * old client, and its sockets, forever.
   */
  #retire(generation: Generation, reason: string): void {
    const retirement: Retirement = { reason, graceMs: this.#closeTimeoutMs };
    const done = generation
      .dispose(retirement)
      .catch((error: unknown) => this.#logger.error({ error }, 'dispose failed'))
      .finally(() => this.#retiring.delete(done));
    this.#retiring.add(done);
  }

  #serve(fullName: string): Served {
    this.#assertOpen('call');
    const entry = this.#entries.get(fullName);
    if (entry === undefined) {
      throw new ElementNotFoundError(fullName, suggestNames(fullName, this.#instanceNames()));
    }
    const serving = entry.serving;
    if (serving?.generation === undefined) {
      throw (
        entry.current.error ??
        new ElementError({
          code: ErrorCode.INVALID_ARGUMENT,
          element: fullName,
          message: `${fullName} is a ${entry.current.kind === 'meta' ? 'Meta' : 'Type'} now, not an Instance`,
        })
      );
    }
    serving.served ??= { generation: serving.generation, implementation: serving.resolved.implementation! };
    return serving.served;
  }

  #instanceNames(): string[] {
    return [...this.#entries.values()]
      .filter((entry) => kindOf(entry) !== 'meta' && kindOf(entry) !== 'type')
      .map((entry) => entry.current.fullName);
  }

  #assertOpen(operation: string): void {
    if (this.#closing !== undefined) {
      throw new ElementError({
        code: ErrorCode.UNAVAILABLE,
        message: `app "${this.name}" is closed; ${operation} is no longer possible`,
      });
    }
  }
}

/** What an element is: its serving version's kind, or the latest one's when none serves. */
function kindOf(entry: Entry): ResolvedElement['kind'] {
  return entry.serving?.resolved.kind ?? entry.current.kind;
}
