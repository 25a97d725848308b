import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startTestApp, type TestApp } from './test-app';
import { TestClient } from './test-client';
import { openApp, type OpenedApp, type OpenOptions } from './web-app-driver';

/** The web app's build (`nx build web`), which the server under test serves at `/`. */
export const WEB_DIST_DIR = join(__dirname, '../../../../dist/apps/web');

/** The built web app served by a test server, and Chromium to use it. */
export interface WebAppInChromium {
  readonly api: TestApp;
  readonly browser: Browser;
  /** The app at its login page in a fresh context, closed after the test. */
  open(options?: OpenOptions): Promise<OpenedApp>;
  /** A native WebSocket client of `user` beside the pages, closed after the test. */
  player(user: string): Promise<TestClient>;
}

/**
 * The set-up of the browser suites: registers its own hooks (server and Chromium once per file, contexts and
 * clients closed after each test), so call it inside the `describe`.
 */
export function useWebAppInChromium(env: Record<string, string> = {}): WebAppInChromium {
  let api: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: OpenedApp[] = [];
  const clients: TestClient[] = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the web app starts in beforeAll: use it inside a test');
    return value;
  };

  beforeAll(async () => {
    api = await startTestApp({ WEB_DIST_DIR, ...env });
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const opened of contexts.splice(0)) await opened.context.close();
    for (const client of clients.splice(0)) await client.close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  return {
    get api() {
      return started(api);
    },
    get browser() {
      return started(browser);
    },
    async open(options) {
      const opened = await openApp(started(browser), started(api).httpUrl, options);
      contexts.push(opened);
      return opened;
    },
    async player(user) {
      const server = started(api);
      const client = await TestClient.open(`${server.wsUrl}?ticket=${await server.ticketFor(user)}`);
      clients.push(client);
      return client;
    },
  };
}
