import { ConnectionRegistry } from '@pulse/gateway';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import { editorText, openNotes, textSatisfies } from '../testing/notes-page-driver';
import { signIn, type WebPlayer } from '../testing/web-app-driver';

const ROOT = join(__dirname, '../../../..');
const WEB_DIST_DIR = join(ROOT, 'dist/apps/web');
const ARTIFACTS = join(ROOT, 'test-results/notes');
/** How long the three editors may take to converge (the page default is 10 s). */
const CONVERGENCE_WAIT_MS = 45_000;

/** Three browsers, logins and editors per test: more than the default 20 s on a slow machine. */
jest.setTimeout(90_000);

/** The built web app's Notes page, served by the real API, in Debian's Chromium. */
describe('the Notes page in Chromium', () => {
  let api: TestApp;
  let browser: Browser;
  const players: WebPlayer[] = [];

  async function player(user: string): Promise<WebPlayer> {
    const opened = await signIn(browser, api.httpUrl, user);
    players.push(opened);
    return opened;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startTestApp({ WEB_DIST_DIR });
    browser = await launchChromium();
  });

  afterEach(async () => {
    // Requests a page makes while the test has taken its network away fail by design.
    const errors = players.flatMap((p) =>
      p.errors
        .filter((error) => !/ERR_INTERNET_DISCONNECTED/.test(error))
        .map((error) => `${p.user}: ${error}`),
    );
    await Promise.all(players.splice(0).map((p) => p.close()));
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('has three users type at once and converge, each seeing who is here and the others’ carets', async () => {
    const writers = [await player('alice'), await player('bob'), await player('carol')];
    for (const writer of writers) await openNotes(writer, 'trio');
    for (const writer of writers) {
      await writer.page.getByRole('list', { name: 'Who is here' }).getByRole('listitem').nth(2).waitFor();
    }

    const phrases = ['Alice writes here. ', 'Bob adds this. ', 'Carol too. '];
    await Promise.all(
      writers.map(async (writer, index) => {
        await writer.page.getByRole('textbox', { name: 'Shared notes' }).click();
        await writer.page.keyboard.type(phrases[index], { delay: 15 });
      }),
    );
    // Three pages typing at once in one Chromium on a loaded machine can take well past the page's default wait.
    for (const writer of writers) await textSatisfies(writer, phrases, CONVERGENCE_WAIT_MS);
    const texts = await Promise.all(writers.map(editorText));
    expect(new Set(texts).size).toBe(1);

    const aliceList = writers[0].page.getByRole('list', { name: 'Who is here' });
    await expect(aliceList.innerText()).resolves.toMatch(/alice \(you\)[\s\S]*bob[\s\S]*carol/);
    // y-codemirror.next draws each remote caret with its user's name.
    await writers[0].page.locator('.cm-ySelectionCaret', { hasText: 'bob' }).waitFor();
    await writers[0].page.screenshot({ path: join(ARTIFACTS, 'notes-three-users.png') });
  });

  it('opens a read-only document read-only: the user follows the editor’s text and cannot change it', async () => {
    const dave = await player('dave');
    const alice = await player('alice');
    await openNotes(dave, 'handbook:rules');
    await openNotes(alice, 'handbook:rules');
    await alice.page.getByText('Read only: you follow these notes').waitFor();
    await dave.page.getByRole('textbox', { name: 'Shared notes' }).click();
    await dave.page.keyboard.type('Rule 1: be kind. ');
    await textSatisfies(alice, ['Rule 1: be kind.']);

    await alice.page.getByRole('textbox', { name: 'Shared notes' }).click();
    await alice.page.keyboard.type('VANDALISM');
    await dave.page.keyboard.type('Rule 2: write tests.');
    await textSatisfies(alice, ['Rule 2: write tests.']);
    expect(await editorText(alice)).toBe('Rule 1: be kind. Rule 2: write tests.');
    expect(await editorText(dave)).toBe('Rule 1: be kind. Rule 2: write tests.');
  });

  it('merges what a user typed while offline once the network is back', async () => {
    const alice = await player('alice');
    const bob = await player('bob');
    await openNotes(alice, 'away');
    await openNotes(bob, 'away');
    await alice.page.getByRole('textbox', { name: 'Shared notes' }).click();
    await alice.page.keyboard.type('Shared start. ');
    await textSatisfies(bob, ['Shared start.']);

    await bob.context.setOffline(true);
    for (const connection of api.app.get(ConnectionRegistry).values())
      if (connection.user.id === 'bob') connection.terminate();
    await bob.page.locator('.notes .banner--ok').waitFor({ state: 'detached' });
    await bob.page.getByRole('textbox', { name: 'Shared notes' }).click();
    await bob.page.keyboard.press('End');
    await bob.page.keyboard.type('Bob offline. ');
    await alice.page.keyboard.type('Alice meanwhile. ');
    await textSatisfies(alice, ['Shared start.', 'Alice meanwhile.']);
    expect(await editorText(alice)).not.toContain('Bob offline.');

    await bob.context.setOffline(false);
    await bob.page.locator('.notes .banner--ok').waitFor();
    for (const p of [alice, bob])
      await textSatisfies(p, ['Shared start.', 'Alice meanwhile.', 'Bob offline.']);
    expect(await editorText(alice)).toBe(await editorText(bob));
  });
});
