import { fullNamePattern } from '@mti/core';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'function') return 'a function that is not a class';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// A registered element always belongs to a family: `caches.Meta`, never a bare `Meta`.
const isFullName = (value: unknown): value is string =>
  typeof value === 'string' && fullNamePattern.test(value) && value.includes('.');

/**
 * What is wrong with a value offered as an `ElementRegistration`, or undefined when it is one.
 * Registrations come from packages an app names and from host programs; checking their shape
 * here turns a TypeError deep in resolution into a message that names the field.
 */
export function registrationProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `must be an object { fullName, title, type, implementation, source }; got ${describe(value)}`;
  const entry = value as Record<string, unknown>;
  if (!isFullName(entry.fullName))
    return `"fullName" must be a fullName such as caches.Meta or storages.MyType; got ${describe(entry.fullName)}`;
  if (typeof entry.title !== 'string' || entry.title.trim() === '')
    return `"title" must be a non-empty string; got ${describe(entry.title)}`;
  if (entry.type !== undefined && entry.type !== '' && !isFullName(entry.type))
    return `"type" must be the fullName of the Meta or Type it builds on (absent for a Meta); got ${describe(entry.type)}`;
  const implementation = entry.implementation as { prototype?: unknown } | undefined;
  if (typeof implementation !== 'function' || typeof implementation.prototype !== 'object')
    return `"implementation" must be the element's class; got ${describe(entry.implementation)}`;
  if (typeof entry.source !== 'string' || entry.source.trim() === '')
    return `"source" must name the package that contributes it; got ${describe(entry.source)}`;
  return undefined;
}

/**
 * Every problem in a value offered as a list of registrations, each naming the entry by index
 * (and fullName when it has one); empty when the list is fine.
 */
export function registrationsProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [`must be an array of registrations; got ${describe(value)}`];
  return value.flatMap((entry: unknown, index) => {
    const problem = registrationProblem(entry);
    if (problem === undefined) return [];
    const name = (entry as { fullName?: unknown } | null)?.fullName;
    return [`registrations[${index}]${isFullName(name) ? ` (${name})` : ''}: ${problem}`];
  });
}
