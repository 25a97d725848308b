/** localStorage key remembering that this browser signed in; no secret, only whether a refresh is worth asking for. */
const KEY = 'pulse.signedIn';

/**
 * Whether this browser may hold a sign-in (its refresh token is in an HttpOnly cookie the page cannot see). A
 * browser that never signed in skips the refresh on load, and so the 401 it would get.
 */
export const signInHint = {
  present(): boolean {
    try {
      return window.localStorage.getItem(KEY) === '1';
    } catch {
      return true;
    }
  },
  set(present: boolean): void {
    try {
      if (present) window.localStorage.setItem(KEY, '1');
      else window.localStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode, quota): the next load asks the server anyway.
    }
  },
};
