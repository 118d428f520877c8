/** How much of a text file the preview shows: enough to recognise it, little enough to stay quick. */
export const TEXT_PREVIEW_BYTES = 256 * 1024;

/**
 * The first bytes of a URL's body, as text: reads the stream until it has enough, then stops the
 * download, so previewing a large log does not fetch all of it.
 */
export async function readTextStart(url: string, signal: AbortSignal): Promise<{ text: string; cut: boolean }> {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort());
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok || response.body === null) throw new Error(`the file could not be read (${response.status})`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= TEXT_PREVIEW_BYTES) {
      cut = true;
      controller.abort();
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(size, TEXT_PREVIEW_BYTES));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
    if (offset >= bytes.length) break;
  }
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), cut };
}
