import type * as Inversify from 'inversify';
import type { ContainerModule } from 'inversify';
import type { ElementModule } from './createElementModule';

// Loaded with the first instance, not with the app: listing and checking an app (`mti ls`,
// `mti check`) resolve every element but build none, and inversify is a large share of a
// command's start-up (docs/BENCHMARKS.md, the cli case).
let inversify: typeof Inversify | undefined;

/**
 * An app's inversify container, made when the first instance is built. Until then it keeps
 * the element modules that are loaded, in order; from then on it loads and unloads them in
 * inversify as they come and go, so the bindings are the same either way.
 */
export class ElementContainer {
  /** The modules loaded now, each with its ContainerModule once inversify has it. */
  readonly #loaded = new Map<ElementModule, ContainerModule | undefined>();
  #container: Inversify.Container | undefined;

  load(module: ElementModule): void {
    this.#loaded.set(module, this.#container === undefined ? undefined : this.#loadInto(this.#container, module));
  }

  unload(module: ElementModule): void {
    const loaded = this.#loaded.get(module);
    this.#loaded.delete(module);
    if (loaded !== undefined) this.#container?.unloadSync(loaded);
  }

  get<T>(token: symbol | string): T {
    return this.#created().get<T>(token);
  }

  async unbindAll(): Promise<void> {
    this.#loaded.clear();
    await this.#container?.unbindAll();
  }

  #created(): Inversify.Container {
    if (this.#container !== undefined) return this.#container;
    inversify ??= require('inversify') as typeof Inversify;
    const container = new inversify.Container();
    for (const module of this.#loaded.keys()) this.#loaded.set(module, this.#loadInto(container, module));
    this.#container = container;
    return container;
  }

  // Only called once a container exists, so inversify is loaded.
  #loadInto(container: Inversify.Container, module: ElementModule): ContainerModule {
    const containerModule = new (inversify as typeof Inversify).ContainerModule(module.bindings);
    container.loadSync(containerModule);
    return containerModule;
  }
}
