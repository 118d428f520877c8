import type { FormPolicy } from './formSignature';

const WHOLE = /^\d{1,16}$/;

/**
 * The policy a POSTed form's fields claim (formFields), with its signature; a sentence saying
 * what is missing otherwise. Nothing here is trusted until the signature is checked.
 */
export function readFormPolicy(
  element: string,
  key: string,
  fields: Record<string, unknown>,
): { policy: FormPolicy; signature: string } | string {
  const { minBytes, maxBytes, expires, signature } = fields;
  const contentType = fields['Content-Type'];
  for (const [name, value] of [
    ['minBytes', minBytes],
    ['maxBytes', maxBytes],
    ['expires', expires],
  ] as const) {
    if (typeof value !== 'string' || !WHOLE.test(value)) {
      return `not a signed upload form: the field ${name} is missing or not a whole number (send every field of the form before the file)`;
    }
  }
  if (typeof contentType !== 'string' || typeof signature !== 'string') {
    return 'not a signed upload form: the fields Content-Type and signature are needed (send every field of the form before the file)';
  }
  return {
    policy: {
      element,
      key,
      contentType,
      minBytes: Number(minBytes),
      maxBytes: Number(maxBytes),
      expiresAt: Number(expires),
    },
    signature,
  };
}
