import type { ClusterNodesOutcome } from './cluster-nodes';
import { formatCount } from './console-format';

/**
 * The nodes alive now, from their liveness records (`GET /admin/nodes`): a node that reports no console samples is
 * listed too, and a node that died drops out within seconds.
 */
export function ClusterNodesPanel({
  outcome,
  now,
}: {
  readonly outcome: ClusterNodesOutcome | null;
  readonly now: number;
}) {
  return (
    <section className="card console-panel" aria-labelledby="console-live-nodes">
      <h3 id="console-live-nodes">Live nodes</h3>
      {outcome === null ? (
        <p className="muted">Asking for the node list…</p>
      ) : !outcome.ok ? (
        <p role="alert">{outcome.message}</p>
      ) : outcome.nodes.length === 0 ? (
        <p className="muted">No node is alive.</p>
      ) : (
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Node id</th>
              <th scope="col">Started</th>
              <th scope="col">Connections</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {outcome.nodes.map((node) => (
              <tr key={node.id}>
                <th scope="row">{node.address}</th>
                <td>
                  <code>{node.id}</code>
                </td>
                <td>
                  <time dateTime={node.startedAt}>{utc(node.startedAt)}</time>
                </td>
                <td>{formatCount(node.connections)}</td>
                <td>
                  <time dateTime={node.lastSeenAt}>{ago(now - Date.parse(node.lastSeenAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `2026-12-03 18:30:00 UTC`: the same on every browser, whatever its time zone and locale. */
function utc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function ago(ms: number): string {
  return ms < 1000 ? 'just now' : `${Math.round(ms / 1000)} s ago`;
}
