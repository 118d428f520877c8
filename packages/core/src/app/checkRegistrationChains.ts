import type { ElementRegistration } from '../element/ElementRegistration';
import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';

/**
 * A built-in Type whose Meta or Type is not registered is a wiring mistake of the program that
 * builds the app, not of any element folder: it fails here, naming both sides and the fix,
 * instead of leaving every Instance of that Type in error.
 */
export function checkRegistrationChains(registrations: readonly ElementRegistration[]): void {
  const known = new Map(registrations.map((registration) => [registration.fullName, registration]));
  for (const registration of registrations) {
    const base = registration.type ?? '';
    if (base === '' || known.has(base)) continue;
    const hint =
      base === 'storages.Meta'
        ? 'add `storagesMeta` from @mti/core to the registrations'
        : `add the registrations of the package that provides ${base}`;
    throw new ElementError({
      code: ErrorCode.INVALID_ARGUMENT,
      element: registration.fullName,
      field: 'registrations',
      message: `${registration.fullName} (from ${registration.source}) builds on ${base}, which no registration provides; ${hint}`,
    });
  }
}
