import type { BrowserContext, Page } from 'playwright-core';

/**
 * Slows what `page` sends to `bytesPerSecond`, as a real network would, so an upload lasts long
 * enough to be seen moving or to be cancelled. Resolves to the function that lifts the limit.
 */
export async function throttleUploads(
  context: BrowserContext,
  page: Page,
  bytesPerSecond: number,
): Promise<() => Promise<void>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const limit = (uploadThroughput: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput,
    });
  await limit(bytesPerSecond);
  return async () => {
    await limit(-1);
    await cdp.detach();
  };
}
