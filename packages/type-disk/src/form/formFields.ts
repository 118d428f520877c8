import type { FormPolicy } from './formSignature';

/** The form's fields, as the browser sends them back: the Content-Type, the bounds, the expiry and the signature. */
export function formFields(policy: FormPolicy, signature: string): Record<string, string> {
  return {
    'Content-Type': policy.contentType,
    minBytes: String(policy.minBytes),
    maxBytes: String(policy.maxBytes),
    expires: String(policy.expiresAt),
    signature,
  };
}
