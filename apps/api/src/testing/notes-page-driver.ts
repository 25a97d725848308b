import { joinByName, type WebPlayer } from './web-app-driver';

/** Opens the room's notes from the game room and waits for the shared editor and its link. */
export async function openNotes(player: WebPlayer, room: string): Promise<void> {
  await joinByName(player, room);
  await player.page.getByRole('button', { name: 'Notes' }).click();
  await player.page.getByRole('heading', { name: `Notes of room “${room}”` }).waitFor();
  await player.page.locator('.notes .banner--ok').waitFor();
  await player.page.getByRole('textbox', { name: 'Shared notes' }).waitFor();
}

/**
 * Runs in the page: the editor's text without the remote carets y-codemirror.next draws inside it (their names), or,
 * given phrases, whether the text holds every one.
 */
function pageNotes(expected: string[] | null): string | boolean {
  type Node = {
    textContent: string | null;
    cloneNode(deep: boolean): Node;
    querySelectorAll(s: string): { forEach(f: (n: { remove(): void }) => void): void };
  };
  const content = (
    globalThis as unknown as { document: { querySelector(s: string): Node | null } }
  ).document.querySelector('.notes .cm-content');
  const copy = content?.cloneNode(true);
  copy?.querySelectorAll('.cm-ySelectionCaret, .cm-widgetBuffer').forEach((node) => node.remove());
  const text = (copy?.textContent ?? '').replace(/\u2060/g, '');
  return expected === null ? text : expected.every((phrase) => text.includes(phrase));
}

export async function editorText(player: WebPlayer): Promise<string> {
  return String(await player.page.evaluate(pageNotes, null));
}

/** Waits until the page's editor text holds every phrase (checked in the page on every animation frame). */
export async function textSatisfies(player: WebPlayer, phrases: string[], timeout?: number): Promise<void> {
  await player.page.waitForFunction(pageNotes, phrases, timeout === undefined ? {} : { timeout });
}
