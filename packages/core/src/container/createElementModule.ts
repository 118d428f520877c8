import type { ContainerModuleLoadOptions } from 'inversify';
import type { ElementClass } from '../element/ElementClass';
import type { ElementContext } from '../element/ElementContext';
import { typeToken } from './typeToken';

/**
 * What one activation of an element puts into the container, as a function of inversify's
 * `bind`: ElementContainer turns it into a ContainerModule once the container exists.
 */
export interface ElementModule {
  bindings: (options: ContainerModuleLoadOptions) => void;
  /** Set for Instances: resolving it builds (once) the instance of this activation. */
  instanceToken?: symbol;
}

/**
 * One module per element activation, so that a reload can unload exactly what that element
 * bound. Metas and Types bind their class under `typeToken(fullName)`; an Instance binds a
 * singleton built from its Type's token, with its context injected.
 */
export function createTypeModule(fullName: string, implementation: ElementClass): ElementModule {
  return {
    bindings: ({ bind }) => {
      bind<ElementClass>(typeToken(fullName)).toConstantValue(implementation);
    },
  };
}

export function createInstanceModule(type: string, context: ElementContext<unknown>): ElementModule {
  // Symbols unique to this activation: a generation retired by a reload can never pick up the
  // bindings of the one that replaced it.
  const contextToken = Symbol(`mti:context:${context.fullName}`);
  const instanceToken = Symbol(`mti:instance:${context.fullName}`);
  return {
    bindings: ({ bind }) => {
      bind<ElementContext<unknown>>(contextToken).toConstantValue(context);
      bind<object>(instanceToken)
        .toResolvedValue(
          (Type: ElementClass, ctx: ElementContext<unknown>) =>
            new (Type as unknown as new (c: typeof ctx) => object)(ctx),
          [typeToken(type), contextToken],
        )
        .inSingletonScope();
    },
    instanceToken,
  };
}
