import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import { signIn, type WebPlayer } from '../testing/web-app-driver';

const ROOT = join(__dirname, '../../../..');
const WEB_DIST_DIR = join(ROOT, 'dist/apps/web');
/** A screenshot of the ticker page, kept as a test artifact (git-ignored). */
const ARTIFACTS = join(ROOT, 'test-results/ticker');

jest.setTimeout(60_000);

/** The built web app's ticker page, served by the real API, in Debian's Chromium. */
describe('the ticker page in Chromium', () => {
  let api: TestApp;
  let browser: Browser;
  let player: WebPlayer | undefined;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startTestApp({ WEB_DIST_DIR, TICKER_RATE_HZ: '10', TICKER_SYMBOLS: 'ACME,GLOBEX,INITECH' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await player?.close();
    await browser?.close();
    await api?.close();
  });

  it('shows every symbol with a live price and a growing sparkline, and goes back to the rooms', async () => {
    player = await signIn(browser, api.httpUrl, 'alice');
    const { page } = player;
    await page.getByRole('button', { name: 'Live ticker' }).click();
    await page.getByRole('heading', { name: 'Live ticker' }).waitFor();

    const rows = page.getByRole('table').getByRole('row');
    // The rows come with the subscriptions' snapshots, a moment after the heading: wait for the last one.
    await rows.getByRole('rowheader', { name: 'INITECH' }).waitFor();
    await expect(rows.getByRole('rowheader').allTextContents()).resolves.toEqual([
      'ACME',
      'GLOBEX',
      'INITECH',
    ]);
    for (const symbol of ['ACME', 'GLOBEX', 'INITECH']) {
      // Ten quotes a second: a line of eight points needs several of them, so the page is live, not a snapshot.
      await page.getByRole('img', { name: new RegExp(`^${symbol}, last ([89]|\\d\\d) prices$`) }).waitFor();
      const row = rows.filter({ has: page.getByRole('rowheader', { name: symbol }) });
      await expect(row.getByRole('cell').first().textContent()).resolves.toMatch(/^\d+\.\d\d$/);
      await expect(row.locator('polyline').getAttribute('points')).resolves.toMatch(
        /^(\d+(\.\d+)?,\d+(\.\d+)? ){7,}/,
      );
    }
    await page.screenshot({ path: join(ARTIFACTS, 'ticker-page.png') });

    await page.getByRole('button', { name: 'Rooms' }).click();
    await page.getByRole('heading', { name: 'Rooms' }).waitFor();
    expect(player.errors).toEqual([]);
  });
});
