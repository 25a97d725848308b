/** The console's address in the web app. */
export const CONSOLE_PATH = '/admin';

export function isConsolePath(pathname: string): boolean {
  return pathname === CONSOLE_PATH || pathname === `${CONSOLE_PATH}/`;
}

/**
 * Whether the signed-in user's token says they are an admin (the default `roles` claim): only to decide whether to
 * offer the console's link. The server decides who may watch (`console-watch` needs the role).
 */
export function tokenHasAdminRole(accessToken: string): boolean {
  try {
    const payload: unknown = JSON.parse(
      atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')),
    );
    const roles = (payload as { roles?: unknown }).roles;
    return Array.isArray(roles) && roles.includes('admin');
  } catch {
    return false;
  }
}
