import type { StorageApi } from '../api/storageApi';
import { baseName } from '../ui/format';

/**
 * Saves an object through a short-lived link and an <a download>: the browser downloads it to
 * disk as it arrives, however large, and the link needs no token header.
 */
export async function downloadObject(api: StorageApi, key: string): Promise<void> {
  const link = await api.link(key, 'attachment');
  const anchor = document.createElement('a');
  anchor.href = link.url;
  anchor.download = baseName(key);
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
