import type { SignedUploadForm } from '../storage/uploadFormTypes';

/**
 * POSTs a file through a signed upload form as a browser does: multipart/form-data, every field
 * of the form (with `change` applied), then the file in the field `file`, last. Answers the
 * response, its body read.
 */
export async function postForm(
  form: SignedUploadForm,
  file: Uint8Array,
  change: Record<string, string> = {},
): Promise<{ status: number; ok: boolean; text: string }> {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...change })) body.append(name, value);
  body.append('file', new Blob([file]), 'upload.bin');
  const response = await fetch(form.url, { method: form.method, body });
  return { status: response.status, ok: response.ok, text: await response.text() };
}
