import type { ConsoleSample, NodeSummary } from './console-history';
import { formatRate, formatSeconds } from './console-format';

/** A node as the panel shows it: from its console samples, or only known from the cluster's liveness records. */
export type NodeRow = Omit<NodeSummary, 'latest'> & { readonly latest: ConsoleSample | null };

/**
 * One row per node. Today the rows come from the nodes' console samples; the cluster's liveness records can add nodes
 * that sent none (such a row shows its id and state, and no figures).
 */
export function NodesPanel({ nodes }: { readonly nodes: readonly NodeRow[] }) {
  return (
    <section className="card console-panel" aria-labelledby="console-nodes">
      <h3 id="console-nodes">Nodes</h3>
      {nodes.length === 0 ? (
        <p className="muted">No node has reported yet.</p>
      ) : (
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">State</th>
              <th scope="col">Connections</th>
              <th scope="col">Rooms</th>
              <th scope="col">In</th>
              <th scope="col">Out</th>
              <th scope="col">Redis</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map(({ node, latest, silent }) => (
              <tr key={node}>
                <th scope="row">{node}</th>
                <td>{silent ? 'silent' : 'reporting'}</td>
                {latest ? (
                  <>
                    <td>
                      {latest.connections.ws} ws, {latest.connections['socket.io']} Socket.IO
                    </td>
                    <td>
                      {latest.roomCount} ({latest.memberCount} members)
                    </td>
                    <td>{formatRate(latest.messagesInPerSecond)}</td>
                    <td>{formatRate(latest.messagesOutPerSecond)}</td>
                    <td>{redisState(latest.redis)}</td>
                  </>
                ) : (
                  <td colSpan={5} className="muted">
                    no figures from this node
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function redisState(redis: ConsoleSample['redis']): string {
  if (!redis) return 'not used';
  if (!redis.up) return 'down';
  return redis.lagSeconds === null ? 'up' : `up, lag ${formatSeconds(redis.lagSeconds)}`;
}
