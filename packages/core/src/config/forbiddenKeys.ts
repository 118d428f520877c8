/** Keys that could reach Object.prototype when configs are merged or copied by user code. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
