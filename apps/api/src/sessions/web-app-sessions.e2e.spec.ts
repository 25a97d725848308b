import { freePort } from '@pulse/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { restartableApi, type RestartableApi } from '../testing/restartable-api';
import { inRoom, joinByName, openApp, signIn, type WebPlayer } from '../testing/web-app-driver';

const ROOT = join(__dirname, '../../../..');
const WEB_DIST_DIR = join(ROOT, 'dist/apps/web');

/** Failed requests while the server is away, and the 401 of a refresh the test replays on purpose. */
const EXPECTED_WHILE_RESTARTING = [
  /^console: Failed to load resource: net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE)$/,
  /^console: Failed to load resource: the server responded with a status of 503 \(Service Unavailable\)$/,
  /^console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws\?ticket=[^']*' failed: /,
];

/** Two server processes, a restart and reloads in one browser: well past the default 5 s. */
jest.setTimeout(120_000);

describe('the web app keeps its users signed in, under the default config (no JWT_SECRET)', () => {
  let scratch: string;
  let secretFile: string;
  let api: RestartableApi;
  let browser: Browser;
  const players: WebPlayer[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pulse-web-sessions-'));
    secretFile = join(scratch, '.pulse', 'dev-jwt-secret');
    // The defaults, except where the development secret lives (a scratch directory, not the workspace).
    api = restartableApi(await freePort(), {
      WEB_DIST_DIR,
      DEV_JWT_SECRET_FILE: secretFile,
      DRAIN_TIMEOUT_MS: '1000',
    });
    await api.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(players.splice(0).map((player) => player.close()));
    await browser?.close();
    await api?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  function unexpectedErrors(player: WebPlayer): string[] {
    return player.errors.filter((error) => !EXPECTED_WHILE_RESTARTING.some((pattern) => pattern.test(error)));
  }

  it('after a server restart the tab is back in its room without signing in, and a reload (F5) keeps it signed in there', async () => {
    const alice = await signIn(browser, api.httpUrl, 'alice');
    players.push(alice);
    await joinByName(alice, 'survivors');
    expect(new URL(alice.page.url()).pathname).toBe('/rooms/survivors');

    await api.stop();
    await alice.page.locator('.banner--ok').waitFor({ state: 'detached' });
    await api.start();

    // Back in the room on its own: the banner is green again, the user is on the board, no login form was shown.
    await alice.page.locator('.banner--ok').waitFor({ timeout: 30_000 });
    await inRoom(alice, 'survivors');
    expect(await alice.bannerTexts()).not.toContainEqual(expect.stringMatching(/expired|sign in again/i));
    expect(await alice.page.getByLabel('Password').count()).toBe(0);

    // F5, after the restart too: still signed in, still in the room.
    await alice.page.reload();
    await inRoom(alice, 'survivors');
    await alice.page.locator('.banner--ok').waitFor();
    expect(await alice.page.getByLabel('Password').count()).toBe(0);
    expect(await alice.page.getByText('Signed in as alice').count()).toBe(1);

    // The boot log names where the secret lives, never the secret itself.
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(api.output()).toContain(secretFile);
    expect(api.output()).not.toContain(secret);
    expect(unexpectedErrors(alice)).toEqual([]);
  });

  it('keeps two tabs of one browser signed in when they reload at the same moment (their refreshes take turns)', async () => {
    const dave = await signIn(browser, api.httpUrl, 'dave');
    players.push(dave);
    const second = await dave.context.newPage();
    await second.goto(api.httpUrl);
    await second.getByRole('heading', { name: 'Rooms' }).waitFor();

    // The first refresh is held until the other tab's refresh shows up (or a second passes): two tabs that did not
    // take turns would both present the same refresh token, and the server would end the sign-in.
    let refreshes = 0;
    let releaseFirst: () => void = () => undefined;
    const otherTabAsked = new Promise<void>((resolve) => (releaseFirst = resolve));
    await dave.context.route('**/auth/refresh', async (route) => {
      if (++refreshes === 1)
        await Promise.race([otherTabAsked, new Promise((resolve) => setTimeout(resolve, 1000))]);
      else releaseFirst();
      await route.continue();
    });
    await Promise.all([dave.page.reload(), second.reload()]);
    for (const page of [dave.page, second]) {
      await page.getByRole('heading', { name: 'Rooms' }).waitFor();
      await page.locator('.banner--ok').waitFor();
    }
    expect(refreshes).toBe(2);
    await dave.context.unroute('**/auth/refresh');

    // The sign-in is still on: a third tab gets in from the cookie alone.
    const third = await dave.context.newPage();
    await third.goto(api.httpUrl);
    await third.getByRole('heading', { name: 'Rooms' }).waitFor();
    expect(await third.getByLabel('Password').count()).toBe(0);
    expect(unexpectedErrors(dave)).toEqual([]);
  });

  it('signs out for good: after "Sign out" a reload shows the login form', async () => {
    const bob = await signIn(browser, api.httpUrl, 'bob');
    players.push(bob);
    await bob.page.getByRole('button', { name: 'Sign out' }).click();
    await bob.page.getByLabel('Username').waitFor();
    await bob.page.reload();
    await bob.page.getByLabel('Username').waitFor();
    expect(await bob.page.getByText('Signed in as bob').count()).toBe(0);
  });

  it('an invite link opened in a fresh browser lands in the room after signing in; back and forward move between lobby and room', async () => {
    const carol = await signIn(browser, api.httpUrl, 'carol');
    players.push(carol);
    await joinByName(carol, 'invited.room');
    await carol.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.httpUrl });
    await carol.page.getByRole('button', { name: 'Copy invite link' }).click();
    await carol.page.getByText('Copied.').waitFor();
    const link = await carol.page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(link).toBe(`${api.httpUrl}/rooms/invited.room`);

    // A fresh context: no cookie, no storage. The link shows the login form, and signing in lands in the room.
    const fresh = await openApp(browser, api.httpUrl);
    players.push({ user: 'dave', ...fresh, bannerTexts: async () => [], close: () => fresh.context.close() });
    await fresh.page.goto(link);
    await fresh.page.getByLabel('Username').waitFor();
    await fresh.page.getByLabel('Username').fill('dave');
    await fresh.page.getByLabel('Password').fill('pulse');
    await fresh.page.getByLabel('Password').press('Enter');
    await inRoom(fresh, 'invited.room');
    expect(new URL(fresh.page.url()).pathname).toBe('/rooms/invited.room');

    // Back: the lobby the room was joined from; forward: the room again; the notes have their own address.
    await carol.page.getByRole('button', { name: 'Leave room' }).click();
    await carol.page.getByRole('heading', { name: 'Rooms' }).waitFor();
    expect(new URL(carol.page.url()).pathname).toBe('/');
    await carol.page.goBack();
    await inRoom(carol, 'invited.room');
    await carol.page.goBack();
    await carol.page.getByRole('heading', { name: 'Rooms' }).waitFor();
    await carol.page.goForward();
    await inRoom(carol, 'invited.room');
    await carol.page.getByRole('button', { name: 'Notes' }).click();
    await carol.page.getByRole('heading', { name: 'Notes of room “invited.room”' }).waitFor();
    expect(new URL(carol.page.url()).pathname).toBe('/rooms/invited.room/notes');
    await carol.page.goBack();
    await inRoom(carol, 'invited.room');
    await carol.page.goto(`${api.httpUrl}/ticker`);
    await carol.page.getByRole('heading', { name: 'Live ticker' }).waitFor();
    expect(unexpectedErrors(carol)).toEqual([]);
  });
});
