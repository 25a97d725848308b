import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/**
 * What page-side checks read of the page's globals. The api project compiles without DOM types, so code that runs in
 * the page casts `globalThis` to this (a type-only cast: nothing from Node is captured by the function).
 */
export interface PageGlobals {
  readonly document: {
    readonly activeElement: { getAttribute(name: string): string | null } | null;
    readonly documentElement: { readonly scrollWidth: number };
  };
  readonly innerWidth: number;
  readonly __pulseBanner: string[];
}

/** How long a page condition may take before the test fails (the app's own waits are shorter). */
export const PAGE_WAIT_MS = 10_000;

/** One person using the built web app in their own browser context (own storage, own sockets). */
export interface WebPlayer {
  readonly user: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page, as they happened. */
  readonly errors: string[];
  /** Every text the connection banner showed, in order (recorded in the page, so no state is missed). */
  bannerTexts(): Promise<string[]>;
  close(): Promise<void>;
}

/** Records the banner's text on every change, from the first paint on; the test reads it back. */
const RECORD_BANNER = `
  window.__pulseBanner = [];
  new MutationObserver(() => {
    const text = document.querySelector('.banner .banner__text')?.textContent;
    const log = window.__pulseBanner;
    if (text && log[log.length - 1] !== text) log.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

export interface OpenOptions {
  /** `socket.io` loads the page with `?transport=socket.io`. */
  readonly transport?: 'websocket' | 'socket.io';
  readonly viewport?: { width: number; height: number };
  /** Scripts run in every page of the context before the app's own (see `BrowserContext.addInitScript`). */
  readonly initScripts?: readonly string[];
}

/** The app opened at its login page in a fresh context, not signed in yet. */
export interface OpenedApp {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page, as they happened. */
  readonly errors: string[];
}

/** Opens the app at `baseUrl` in a fresh context (own storage, own sockets) and waits for its login form. */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  options: OpenOptions = {},
): Promise<OpenedApp> {
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
  await context.addInitScript(RECORD_BANNER);
  for (const script of options.initScripts ?? []) await context.addInitScript(script);
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_WAIT_MS);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  await page.goto(`${baseUrl}/${options.transport === 'socket.io' ? '?transport=socket.io' : ''}`);
  await page.getByLabel('Username').waitFor();
  return { context, page, errors };
}

/** Signs in as a dev user through the login form and waits for the lobby with a live connection. */
export async function logIn(page: Page, user: string): Promise<void> {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill('pulse');
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: 'Rooms' }).waitFor();
  await page.locator('.banner--ok').waitFor();
}

/** Opens the app at `baseUrl` in a fresh context and signs in as a dev user through the login form. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  user: string,
  options: OpenOptions = {},
): Promise<WebPlayer> {
  const { context, page, errors } = await openApp(browser, baseUrl, options);
  await logIn(page, user);
  return {
    user,
    context,
    page,
    errors,
    bannerTexts: () => page.evaluate(() => (globalThis as unknown as PageGlobals).__pulseBanner),
    close: () => context.close(),
  };
}

/** Joins (or creates) a room by name with the lobby's form, and waits until this player stands on the board. */
export async function joinByName(player: Pick<WebPlayer, 'page'>, room: string): Promise<void> {
  const name = player.page.getByLabel('Room name');
  await name.fill(room);
  await name.press('Enter');
  await inRoom(player, room);
}

/** Waits until the page shows the room with this player on the board. */
export async function inRoom(player: Pick<WebPlayer, 'page'>, room: string): Promise<void> {
  await player.page.getByRole('heading', { name: `Room “${room}”` }).waitFor();
  await selfToken(player).waitFor();
}

/** This player's own token. Its accessible name is "Name (you), column X, row Y". */
export function selfToken(player: Pick<WebPlayer, 'page'>): Locator {
  return player.page.getByRole('img', { name: /\(you\), column \d+, row \d+$/ });
}

/** The cell (0-based) this player's own token stands on. */
export async function selfCell(player: WebPlayer): Promise<{ x: number; y: number }> {
  const label = (await selfToken(player).getAttribute('aria-label')) ?? '';
  const match = /column (\d+), row (\d+)$/.exec(label);
  if (!match) throw new Error(`cannot read a cell from "${label}"`);
  return { x: Number(match[1]) - 1, y: Number(match[2]) - 1 };
}

/** Another player's token as this page shows it, at a cell (0-based) and online or not. */
export function otherToken(
  player: WebPlayer,
  name: string,
  cell?: { x: number; y: number },
  online = true,
): Locator {
  const where = cell ? `column ${cell.x + 1}, row ${cell.y + 1}` : 'column \\d+, row \\d+';
  return player.page.getByRole('img', {
    name: new RegExp(`^${name}, ${where}${online ? '' : ', offline'}$`),
  });
}

/** A chat line as this page shows it, from the room's log (not one of this user's lines still on its way). */
export function chatLine(player: WebPlayer, text: string): Locator {
  return player.page
    .getByRole('log', { name: 'Chat messages' })
    .locator('li:not([data-status]) .chat__text', { hasText: text });
}

/** One of this user's lines on its way, with its status: `pending`, `delivered` or `failed`. */
export function outgoingLine(
  player: WebPlayer,
  text: string,
  status: 'pending' | 'delivered' | 'failed',
): Locator {
  return player.page
    .getByRole('log', { name: 'Chat messages' })
    .locator(`li[data-status="${status}"]`, { hasText: text });
}

/** Types into the chat box and sends with Enter. */
export async function say(player: WebPlayer, text: string): Promise<void> {
  const box = player.page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}
