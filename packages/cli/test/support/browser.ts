import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; MTI_CHROMIUM names another. */
export const chromiumPath = process.env.MTI_CHROMIUM ?? '/usr/bin/chromium';

export interface RealBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium for the tests that must see what a browser does with a response. `hosts`
 * are names the browser resolves to 127.0.0.1 by itself, as a DNS-rebinding attacker's name
 * would. The flags keep it off a network it cannot reach (toolchain notes); Playwright gives it a
 * fresh profile of its own.
 */
export async function launchChromium(hosts: string[] = []): Promise<RealBrowser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium (or set MTI_CHROMIUM)`);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(hosts.length > 0 ? [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`] : []),
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
