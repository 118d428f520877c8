import { type OutputUnit, Validator } from '@cfworker/json-schema';
import type { JsonSchema } from '../api/types';
import { type Doc, getAt, hasReference } from './configPaths';

export interface FieldErrors {
  /** Message per dotted field path (`''` for the document itself). */
  byField: Record<string, string>;
  count: number;
}

// Errors that only say "a child failed": the child's own error is the one worth showing.
const wrappers = new Set([
  'properties',
  'allOf',
  'anyOf',
  'oneOf',
  'items',
  'prefixItems',
  '$ref',
  'if',
  'then',
  'additionalProperties',
]);

const pathOf = (error: OutputUnit): string[] =>
  error.instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));

/**
 * Checks the config against the Type's JSON Schema, as the server will (the same schema, made
 * from the Type's zod schema) before anything is sent. A value with `${…}` in it is only known
 * after the server reads its environment, so errors on such a value are left to the server.
 * `kept` are secret fields whose value stays on disk: present, though not in the document.
 */
export function validateConfig(schema: JsonSchema, doc: Doc, kept: readonly string[] = []): FieldErrors {
  const filled: Doc = { ...doc };
  for (const name of kept) filled[name] ??= 'kept';
  const result = new Validator(schema as object, '2020-12', false).validate(filled);
  const byField: Record<string, string> = {};
  if (result.valid) return { byField, count: 0 };
  for (const error of result.errors) {
    if (wrappers.has(error.keyword)) continue;
    let path = pathOf(error);
    if (error.keyword === 'required') {
      const missing = /property "([^"]+)"/.exec(error.error)?.[1];
      if (missing !== undefined) path = [...path, missing];
    }
    if (hasReference(getAt(filled, path))) continue;
    const field = path.join('.');
    byField[field] ??= humanMessage(error);
  }
  return { byField, count: Object.keys(byField).length };
}

function humanMessage(error: OutputUnit): string {
  switch (error.keyword) {
    case 'required':
      return 'Required.';
    case 'false':
      return 'This Type has no such field.';
    case 'pattern':
      return 'This value does not have the expected form.';
    case 'enum':
      return 'Pick one of the listed values.';
    case 'type':
      return error.error.replace(
        /^Instance type "([^"]+)" is invalid\. Expected "([^"]+)"\.?$/,
        'Must be a $2, not a $1.',
      );
    case 'format':
      return error.error.replace(/^String does not match format "([^"]+)"\.?$/, 'Must be a valid $1.');
    default:
      return error.error;
  }
}
