import { officialPackages } from '../official/officialPackages';

/** The names of the packages `sharedModules` offers, for tools that must see the same set. */
export const SHARED_PACKAGES: readonly string[] = officialPackages.map((entry) => entry.name);

/** The `@mti/*` packages app code may import, as this runtime has them loaded. */
export function sharedModules(): Map<string, () => unknown> {
  return new Map(officialPackages.map((entry) => [entry.name, () => entry.module]));
}
