import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { createGateway } from '@mti/cli';
import { loadApp, type LoadedApp } from '@mti/loader';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { s3Env, type RunningS3rver } from '../../../loader/test/support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../../loader/test/support/tempApp';
import { launchChromium, type RealBrowser } from './browser';

const repo = join(__dirname, '..', '..', '..', '..');
/** Where `pnpm build` puts the console the gateway serves. */
export const consoleRoot = join(repo, 'packages', 'cli', 'console');
const screenshots = process.env.MTI_SCREENSHOTS === '1' ? join(repo, 'docs', 'screenshots') : undefined;

/** The storage functions the console tests check the page against. */
export interface Storage {
  uploadByFile(name: string, data: Buffer, type: string): Promise<unknown>;
  exists(name: string): Promise<boolean>;
  getObject(name: string): Promise<{ size: number }>;
}

/** What a console test works with; its fields are set in the harness's beforeAll. */
export interface ConsoleHarness {
  s3: RunningS3rver;
  folder: TempApp;
  app: LoadedApp;
  gateway: FastifyInstance;
  base: string;
  chrome: RealBrowser;
  context: BrowserContext;
  page: Page;
  /** A temp folder for files the page uploads. */
  scratch: string;
  /** The app's storages.MyS3, to seed and check objects without the page. */
  storage(): Storage;
  /**
   * Loads the page afresh at `hash` (a goto to the same URL with a hash would not reload it), from
   * the harness's gateway or `base`, another one's address.
   */
  open(hash: string, base?: string): Promise<void>;
  /** No serious or critical axe-core violation on the page as it is now. */
  expectAccessible(target?: Page): Promise<void>;
  /** Saves a README screenshot when MTI_SCREENSHOTS=1. */
  shot(name: string): Promise<void>;
  /**
   * Every request the browser made, so far, to anywhere but a gateway a test opened the page
   * from (a CDN, a web font, the S3 server directly), and every one the page's CSP refused
   * before it was made (those never reach the network, so only the console reports them): the
   * console must need nothing else, nor try.
   */
  offSiteRequests(): string[];
}

/**
 * The setup every console test file shares: the built page, in Debian's Chromium, against a
 * gateway on a real app folder (watched) holding storages.MyS3 (its keys under `prefix`), on a
 * real s3rver. Registers its own beforeAll and afterAll.
 */
export function consoleHarness(prefix: string): ConsoleHarness {
  const requested: string[] = [];
  const gateways = new Set<string>();
  const ui = {
    storage: () => ui.app.getElement<Storage>('storages.MyS3'),
    offSiteRequests: () =>
      requested.filter(
        (url) => url.startsWith('refused') || (!/^(about|blob|data):/.test(url) && !gateways.has(new URL(url).origin)),
      ),
    open: async (hash: string, base: string = ui.base) => {
      gateways.add(new URL(base).origin);
      await ui.page.goto('about:blank');
      await ui.page.goto(`${base}/${hash}`);
      await ui.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    },
    expectAccessible: async (target: Page = ui.page) => {
      const results = await new AxeBuilder({ page: target }).analyze();
      const bad = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
        );
      expect(bad).toEqual([]);
    },
    shot: async (name: string) => {
      if (screenshots !== undefined) await ui.page.screenshot({ path: join(screenshots, `${name}.png`) });
    },
  } as ConsoleHarness;

  beforeAll(async () => {
    // The page under test is the built one; build it when a test file runs on its own.
    if (!existsSync(join(consoleRoot, 'index.html'))) {
      execFileSync(
        process.execPath,
        [join(repo, 'packages/console/node_modules/vite/bin/vite.js'), 'build', join(repo, 'packages/console')],
        { stdio: 'ignore' },
      );
    }
    const started = await s3Env();
    ui.s3 = started.server;
    ui.folder = tempApp({
      'storages/MyS3/e.json': seedDeclaration,
      'storages/MyS3/MyS3.json': seedConfig({ prefix }),
    });
    ui.app = await loadApp(ui.folder.dir, { env: started.env, watch: true });
    ui.app.on('error', () => {});
    ui.gateway = createGateway({ app: ui.app });
    ui.base = await ui.gateway.listen({ port: 0, host: '127.0.0.1' });
    ui.scratch = mkdtempSync(join(tmpdir(), 'mti-console-e2e-'));
    ui.chrome = await launchChromium();
    ui.context = await ui.chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
    ui.context.on('request', (request) => requested.push(request.url()));
    ui.page = await ui.context.newPage();
    ui.page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) requested.push(`refused by CSP: ${message.text()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await ui.context?.close();
    await ui.chrome?.close();
    await ui.gateway?.close();
    await ui.app?.close();
    await ui.s3?.stop();
    ui.folder?.cleanup();
    if (ui.scratch) rmSync(ui.scratch, { recursive: true, force: true });
  });

  return ui;
}
