import type { MouseEvent } from 'react';
import { CONSOLE_PATH } from './console-route';

/** The header's link to the console: a real link (it can be opened in a new tab), handled in the page otherwise
 * (`onOpen` navigates, which puts the address in the history). */
export function ConsoleLink({ onOpen }: { readonly onOpen: () => void }) {
  function open(event: MouseEvent<HTMLAnchorElement>): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen();
  }
  return (
    <a className="nav-link" href={CONSOLE_PATH} onClick={open}>
      Console
    </a>
  );
}
