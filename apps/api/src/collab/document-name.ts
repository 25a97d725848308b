/** A document's name: 1-64 letters, digits and `: _ - .`, like a room's (the Notes page of room `r` edits `r`). */
const DOCUMENT_NAME = /^[A-Za-z0-9:_.-]{1,64}$/;

/** The document named by what follows `/collab/` in the path (URL-encoded), or null when it is not a valid name. */
export function documentNameOf(path: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return null;
  }
  return DOCUMENT_NAME.test(name) ? name : null;
}
