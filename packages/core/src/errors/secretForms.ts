/** Shorter secrets and forms would match ordinary text: they are not looked for. */
const MIN_FORM_LENGTH = 4;

/**
 * Every text a secret can turn into on its way through a request and back in an error: itself,
 * URL-encoded (a query parameter; SigV4's encoding also escapes `!'()*`), base64 (standard and
 * url-safe) and hex (lowercase, uppercase, and bytes separated by spaces, as S3 prints
 * `CanonicalRequestBytes`). Longest first, so a form is replaced before any form inside it.
 *
 * Also used by `.ci/secret-forms.js`, so the CI log scan looks for exactly these.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_FORM_LENGTH) return [];
  const bytes = Buffer.from(secret, 'utf8');
  const uri = encodeURIComponent(secret);
  const hex = bytes.toString('hex');
  const spaced = hex.replace(/(..)(?!$)/g, '$1 ');
  const forms = [
    secret,
    uri,
    uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    hex,
    hex.toUpperCase(),
    spaced,
    spaced.toUpperCase(),
    ...base64Cores(bytes).flatMap((core) => [core, core.replace(/\+/g, '-').replace(/\//g, '_')]),
  ];
  return [...new Set(forms)].filter((form) => form.length >= MIN_FORM_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Base64 of a longer text that holds the secret depends on where the secret starts, modulo 3:
 * each base64 character stands for 6 bits, and the characters at either end share theirs with
 * the bytes around the secret. So for each of the three alignments, keep only the characters
 * made of the secret's bits alone; one of the three appears in any base64 that holds the secret.
 */
function base64Cores(bytes: Buffer): string[] {
  return [0, 1, 2].map((lead) => {
    const encoded = Buffer.concat([Buffer.alloc(lead), bytes]).toString('base64');
    // Character i covers bits [6i, 6i + 6); the secret's bits are [8 * lead, 8 * (lead + length)).
    return encoded.slice(Math.ceil((8 * lead) / 6), Math.floor((8 * (lead + bytes.length)) / 6));
  });
}
