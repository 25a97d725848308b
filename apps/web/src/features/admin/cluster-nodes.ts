import { CLUSTER_NODES_PATH, ClusterNodesResponse, type ClusterNode } from '@pulse/protocol';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// TypeBox checks a `format` only once it is registered, and fails every value of one that is not.
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set(
    'date-time',
    (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)),
  );

export type ClusterNodesOutcome =
  | { readonly ok: true; readonly nodes: readonly ClusterNode[] }
  | { readonly ok: false; readonly message: string };

/** `GET /admin/nodes`: the nodes alive now, from their liveness records (admins only). */
export async function fetchClusterNodes(baseUrl: string, accessToken: string): Promise<ClusterNodesOutcome> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${CLUSTER_NODES_PATH}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
  } catch {
    return { ok: false, message: 'The server could not be reached.' };
  }
  if (response.status === 401)
    return { ok: false, message: 'Your session is no longer valid; sign in again.' };
  if (response.status === 403) return { ok: false, message: 'Only admins may list the nodes.' };
  if (!response.ok) return { ok: false, message: `The server answered ${response.status}.` };
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(ClusterNodesResponse, body))
    return { ok: false, message: 'Unexpected answer from the server.' };
  return { ok: true, nodes: [...body.nodes].sort((a, b) => a.address.localeCompare(b.address)) };
}
