import { CollabPaths, DocumentAccessResponse } from '@pulse/protocol';
import { Value } from '@sinclair/typebox/value';
import { PulseAuthError } from '../auth-error';

/** What the user may do with a shared document: edit, follow read-only, or nothing. */
export type DocumentAccess = DocumentAccessResponse['access'] | 'none';

/**
 * Asks what the user may do with a document (`GET /collab/<document>/access`), so that an editor can open read-only
 * instead of showing edits the server refuses. `baseUrl` is the server's origin ('' for same-origin).
 * @throws PulseAuthError; `authFailure` is true when the access token was refused (401).
 */
export async function fetchDocumentAccess(
  baseUrl: string,
  accessToken: string,
  document: string,
): Promise<DocumentAccess> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${CollabPaths.access(document)}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
  } catch {
    throw new PulseAuthError(0, 'the server could not be reached');
  }
  if (response.status === 403) return 'none';
  if (!response.ok)
    throw new PulseAuthError(
      response.status,
      response.status === 401 ? 'credentials refused' : `server answered ${response.status}`,
    );
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(DocumentAccessResponse, body))
    throw new PulseAuthError(response.status, 'unexpected response from the server');
  return body.access;
}
