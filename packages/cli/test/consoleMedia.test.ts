import type { Response } from 'playwright-core';
import { consoleHarness } from './support/consoleHarness';
import { OpenGateways } from './support/OpenGateways';
import { silentWav } from './support/silentWav';

// Media previews seek through ranges (issue 18, point 5): the player asks the gateway for the
// bytes it needs, by link, and gets 206 with Content-Range, rather than reading the file from
// the start. In Debian's Chromium, against a real gateway and s3rver.

const ui = consoleHarness('console-media');
const gateways = new OpenGateways();
afterAll(() => gateways.close());

/** The page's <audio>, as far as these tests use it (the test files are typed without the DOM). */
interface Player {
  readyState: number;
  duration: number;
  currentTime: number;
  error: { code: number } | null;
}
type PageGlobals = { document: { querySelector(selector: string): Player | null } };

// Functions, not strings, for the page: the console's CSP forbids eval, which a string predicate
// that has to be polled would need.
const knowsDuration = () => {
  const audio = (globalThis as unknown as PageGlobals).document.querySelector('audio');
  return audio !== null && audio.readyState >= 1 && Number.isFinite(audio.duration);
};
const nearTheEnd = () => {
  const audio = (globalThis as unknown as PageGlobals).document.querySelector('audio');
  return audio !== null && audio.currentTime > audio.duration * 0.9;
};

/** What the gateway answered to one of the player's requests for the object's link. */
async function ranged(response: Response): Promise<{ range?: string; contentRange?: string }> {
  return { range: (await response.request().allHeaders()).range, contentRange: response.headers()['content-range'] };
}

const isLink = (response: Response) => new URL(response.url()).pathname.startsWith('/api/links/');
/** The first byte of a 206 answer, from its Content-Range. */
const firstByte = (response: Response) => Number(/^bytes (\d+)-/.exec(response.headers()['content-range'] ?? '')?.[1]);

/** Opens `key`'s preview from `base`; resolves with the player's first part once it can seek. */
async function openPreview(key: string, base?: string): Promise<Response> {
  const [folder, file] = [key.slice(0, key.lastIndexOf('/') + 1), key.slice(key.lastIndexOf('/') + 1)];
  await ui.open(`#/elements/storages.MyS3/browse/${folder}`, base);
  const first = ui.page.waitForResponse((response) => isLink(response) && response.status() === 206);
  await ui.page.getByRole('button', { name: file }).click();
  await ui.page.getByRole('dialog', { name: file }).locator('audio').waitFor();
  const answer = await first;
  await ui.page.waitForFunction(knowsDuration);
  return answer;
}

/** Seeks the player to `fraction` of its duration. */
const seek = (fraction: number) =>
  ui.page.locator('audio').evaluate((audio: Player, at: number) => {
    audio.currentTime = audio.duration * at;
  }, fraction);

describe('media previews, in Chromium', () => {
  // 40 minutes, 38 MB: far more than the player reads ahead for its metadata.
  const wav = silentWav(40 * 60);
  const near = Math.floor(wav.length * 0.9);
  const reachesNear = (response: Response) =>
    isLink(response) && response.status() === 206 && firstByte(response) >= near;

  it('seeks in an audio preview with ranged requests the gateway answers with 206', async () => {
    await ui.storage().uploadByFile('media/long.wav', wav, 'audio/wav');
    // The player's first request already asks for a range, and gets a part.
    const opening = await ranged(await openPreview('media/long.wav'));
    expect(opening.range).toMatch(/^bytes=0-/);
    expect(opening.contentRange).toMatch(new RegExp(`^bytes 0-\\d+/${wav.length}$`));

    // A seek near the end asks for bytes from near the end, and the player lands there.
    const seeked = ui.page.waitForResponse(reachesNear);
    await seek(0.95);
    const part = await ranged(await seeked);
    expect(Number(/^bytes=(\d+)-/.exec(part.range ?? '')?.[1])).toBeGreaterThanOrEqual(near);
    expect(part.contentRange).toMatch(new RegExp(`^bytes \\d+-${wav.length - 1}/${wav.length}$`));
    await ui.page.waitForFunction(nearTheEnd);
    expect(ui.offSiteRequests()).toEqual([]);
  }, 60_000);

  it('takes a new link when a seek finds the old one expired, at the same position', async () => {
    await ui.storage().uploadByFile('media/paused.wav', wav, 'audio/wav');
    // A gateway whose links live 2 s, so the test need not wait a minute for one to expire.
    const base = await gateways.at({ app: ui.app, linkLifetimeMs: 2000 });
    const expired = (await openPreview('media/paused.wav', base)).url();
    // Waits for the expiry itself, asking the gateway, not for a guess at how long it takes.
    const deadline = Date.now() + 20_000;
    while ((await fetch(expired, { headers: { range: 'bytes=0-0' } })).status !== 404) {
      if (Date.now() > deadline) throw new Error('the link never expired');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const refused = ui.page.waitForResponse((response) => response.url() === expired && response.status() === 404);
    const resumed = ui.page.waitForResponse((response) => reachesNear(response) && response.url() !== expired);
    await seek(0.95);
    await refused;
    await resumed;
    await ui.page.waitForFunction(nearTheEnd);
    expect(await ui.page.locator('audio').evaluate((audio: Player) => audio.error)).toBeNull();
  }, 60_000);
});
