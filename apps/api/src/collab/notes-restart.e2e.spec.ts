import { freePort, startRedisServer, type TestRedisServer } from '@pulse/testing';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { editorText, openNotes, textSatisfies } from '../testing/notes-page-driver';
import { restartableApi, type RestartableApi } from '../testing/restartable-api';
import { signIn, type WebPlayer } from '../testing/web-app-driver';

const SECRET = 'notes-restart-test-secret-long-enough-for-hs256';
/** The server is away for a restart and the editors back off: more than a page wait. */
const BACK_MS = 30_000;

jest.setTimeout(120_000);

/**
 * The built server (a real process on a fixed port, with a private Redis), restarted while a user types in the Notes
 * page: what was typed before, during and after the restart ends up in both editors, and in what a newcomer loads.
 */
describe('the Notes page across a server restart (real process, Chromium)', () => {
  let redis: TestRedisServer;
  let api: RestartableApi;
  let browser: Browser;
  const players: WebPlayer[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    api = restartableApi(await freePort(), { REDIS_URL: redis.url, JWT_SECRET: SECRET, DEV_LOGIN: 'true' });
    await api.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(players.map((p) => p.close()));
    await browser?.close();
    await api?.stop();
    await redis?.stop();
  });

  it('loses nothing typed before, during or after the restart', async () => {
    const alice = await signIn(browser, api.httpUrl, 'alice');
    const bob = await signIn(browser, api.httpUrl, 'bob');
    players.push(alice, bob);
    await openNotes(alice, 'restart');
    await openNotes(bob, 'restart');
    await alice.page.getByRole('textbox', { name: 'Shared notes' }).click();
    await alice.page.keyboard.type('Before the restart. ');
    await textSatisfies(bob, ['Before the restart.']);

    const typing = alice.page.keyboard.type('Typed while the server restarts. ', { delay: 40 });
    await expect(api.stop()).resolves.toBe(0);
    await api.start();
    await typing;
    await alice.page.keyboard.type('After it. ');

    for (const p of [alice, bob]) await p.page.locator('.notes .banner--ok').waitFor({ timeout: BACK_MS });
    const everything = ['Before the restart.', 'Typed while the server restarts.', 'After it.'];
    for (const p of [alice, bob]) await textSatisfies(p, everything, BACK_MS);
    expect(await editorText(bob)).toBe(await editorText(alice));

    const carol = await signIn(browser, api.httpUrl, 'carol');
    players.push(carol);
    await openNotes(carol, 'restart');
    await textSatisfies(carol, everything);
    // The only errors are the page's attempts while the server was away.
    const unexpected = players
      .flatMap((p) => p.errors)
      .filter((error) => !/ERR_CONNECTION_REFUSED|WebSocket connection to .* failed/.test(error));
    expect(unexpected).toEqual([]);
  });
});
