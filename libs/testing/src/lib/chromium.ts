import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, launched the way this workplace requires (no browser download, no background traffic). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags every browser test here starts Chromium with. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
