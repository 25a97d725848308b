import { Type, type Static } from '@sinclair/typebox';

/** The most characters a user id in an admin path may have. */
export const MAX_ADMIN_USER_ID_LENGTH = 128;

export const RevocationResponse = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: MAX_ADMIN_USER_ID_LENGTH }),
    revokedAt: Type.Number({
      minimum: 0,
      description: 'ms since the epoch: tokens and tickets issued at or before it are void',
    }),
  },
  { description: "POST /admin/users/{id}/revoke: the user's sockets are closed on every node (4003)" },
);
export type RevocationResponse = Static<typeof RevocationResponse>;

/** `POST` here (bearer token with the role `admin`) revokes the user: the path of `/admin/users/{id}/revoke`. */
export function revokeUserPath(userId: string): string {
  return `/admin/users/${encodeURIComponent(userId)}/revoke`;
}

/** `GET` here (bearer token with the role `admin`) lists the live nodes (`ClusterNodesResponse`). */
export const CLUSTER_NODES_PATH = '/admin/nodes';

export const ClusterNode = Type.Object({
  id: Type.String({ minLength: 1, description: 'The node id, new at each start' }),
  address: Type.String({ description: 'Where the node runs: host name and port' }),
  startedAt: Type.String({ format: 'date-time', description: 'When the node started' }),
  connections: Type.Integer({
    minimum: 0,
    description: 'Sockets open on it (every transport) at its last report',
  }),
  lastSeenAt: Type.String({ format: 'date-time', description: 'Its last liveness report (one a second)' }),
});
export type ClusterNode = Static<typeof ClusterNode>;

export const ClusterNodesResponse = Type.Object(
  { nodes: Type.Array(ClusterNode) },
  {
    description:
      'GET /admin/nodes: the nodes whose liveness record is current (one Redis, cluster or Sentinel); just this node without Redis',
  },
);
export type ClusterNodesResponse = Static<typeof ClusterNodesResponse>;
