import { MAX_ADMIN_USER_ID_LENGTH, RevocationResponse, revokeUserPath } from '@pulse/protocol';
import { Value } from '@sinclair/typebox/value';

export type RevokeOutcome =
  | { readonly ok: true; readonly revocation: RevocationResponse }
  | { readonly ok: false; readonly message: string };

/** `POST /admin/users/:id/revoke`: closes the user's sockets on every node and voids their tokens and tickets. */
export async function revokeUser(
  baseUrl: string,
  accessToken: string,
  userId: string,
): Promise<RevokeOutcome> {
  if (userId.length === 0 || userId.length > MAX_ADMIN_USER_ID_LENGTH)
    return { ok: false, message: `A user id has 1 to ${MAX_ADMIN_USER_ID_LENGTH} characters.` };
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${revokeUserPath(userId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
  } catch {
    return { ok: false, message: 'The server could not be reached.' };
  }
  if (response.status === 401)
    return { ok: false, message: 'Your session is no longer valid; sign in again.' };
  if (response.status === 403) return { ok: false, message: 'Only admins may revoke users.' };
  if (!response.ok) return { ok: false, message: `The server answered ${response.status}.` };
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(RevocationResponse, body))
    return { ok: false, message: 'Unexpected answer from the server.' };
  return { ok: true, revocation: body };
}
