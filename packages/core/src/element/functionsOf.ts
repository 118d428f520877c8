import type { ElementClass } from './ElementClass';
import type { ElementFunction, ElementFunctions } from './ElementFunctions';

/** Every function a class and its ancestors declare; a subclass's declaration wins. */
export function functionsOf(implementation: ElementClass): Map<string, ElementFunction> {
  const chain: ElementFunctions[] = [];
  for (
    let current: unknown = implementation;
    typeof current === 'function' && current !== Function.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    if (Object.hasOwn(current, 'functions'))
      chain.unshift((current as unknown as { functions: ElementFunctions }).functions);
  }
  const functions = new Map<string, ElementFunction>();
  for (const declared of chain) {
    for (const [name, { params }] of Object.entries(declared)) {
      const required = params.filter((p) => !p.endsWith('?')).length;
      functions.set(name, { name, params: params.map((p) => p.replace(/\?$/, '')), min: required, max: params.length });
    }
  }
  return functions;
}
