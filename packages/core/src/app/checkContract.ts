import type { ElementClass } from '../element/ElementClass';
import { missingContractMethods } from '../errors/invalidConfig';
import type { ElementNode } from './ElementNode';
import { findMethod } from './findMethod';

/** Throws INVALID_CONFIG unless a Type's class has every method its Meta's `contract` lists. */
export function checkContract(type: ElementNode, meta: ElementNode): void {
  const implementation = type.implementation as ElementClass;
  const prototype = implementation.prototype as object;
  const missing = (meta.implementation?.contract ?? []).filter((method) => !findMethod(prototype, method));
  if (missing.length > 0) {
    throw missingContractMethods(
      { element: type.fullName, file: type.source },
      implementation.name || '(anonymous)',
      missing,
      meta,
    );
  }
}
