import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeFindings, seriousOrWorse, type AxeFinding } from '../testing/axe';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import { joinByName, logIn, openApp, type OpenedApp } from '../testing/web-app-driver';

const WEB_DIST_DIR = join(__dirname, '../../../../dist/apps/web');

jest.setTimeout(60_000);

/** axe-core on every page of the built web app in Chromium: no violation anywhere, serious and critical above all. */
describe('accessibility of the web app (axe-core)', () => {
  let api: TestApp;
  let browser: Browser;
  let opened: OpenedApp | undefined;

  beforeAll(async () => {
    api = await startTestApp({ WEB_DIST_DIR });
    browser = await launchChromium();
  });

  afterEach(async () => {
    await opened?.context.close();
    opened = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function audit(page: Page, name: string, found: Record<string, AxeFinding[]>): Promise<void> {
    found[name] = await axeFindings(page);
  }

  it('finds no violation (none serious or critical) on login, lobby, game room with chat, and ticker', async () => {
    opened = await openApp(browser, api.httpUrl);
    const { page } = opened;
    const found: Record<string, AxeFinding[]> = {};
    await audit(page, 'login', found);
    await logIn(page, 'carol');
    await audit(page, 'lobby', found);
    await joinByName(opened, 'a11y-room');
    await page.getByRole('textbox', { name: 'Message' }).fill('hello');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page
      .getByRole('log', { name: 'Chat messages' })
      .locator('li', { hasText: 'hello' })
      .first()
      .waitFor();
    await audit(page, 'game room', found);
    await page.getByRole('button', { name: 'Live ticker' }).click();
    await page.getByRole('heading', { name: 'Live ticker' }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await audit(page, 'ticker', found);

    const serious = Object.fromEntries(
      Object.entries(found).map(([name, findings]) => [name, seriousOrWorse(findings)]),
    );
    expect(serious).toEqual({ login: [], lobby: [], 'game room': [], ticker: [] });
    // The pages are clean today at every impact (moderate and minor too); keep them so.
    expect(found).toEqual({ login: [], lobby: [], 'game room': [], ticker: [] });
    expect(opened.errors).toEqual([]);
  });

  it('would fail: axe reports an image without a text alternative as critical', async () => {
    opened = await openApp(browser, api.httpUrl);
    const { page } = opened;
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { body: { insertAdjacentHTML(where: string, html: string): void } };
        }
      ).document;
      doc.body.insertAdjacentHTML('beforeend', '<img src="/favicon.svg">');
    });
    expect(seriousOrWorse(await axeFindings(page)).map((finding) => finding.rule)).toContain('image-alt');
  });
});
