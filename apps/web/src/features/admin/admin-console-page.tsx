import { useEffect, useState } from 'react';
import type { AccessTokens } from '../login/session.types';
import { nodeSummaries, roomTotals, CONSOLE_HISTORY_POINTS } from './console-history';
import { ClusterNodesPanel } from './cluster-nodes-panel';
import { clusterTimeline } from './cluster-timeline';
import { formatCount, formatRate, formatSeconds } from './console-format';
import { LineChart } from './line-chart';
import { NodesPanel } from './nodes-panel';
import { RevokeForm } from './revoke-form';
import { RoomsPanel } from './rooms-panel';
import { useClusterNodes } from './use-cluster-nodes';
import { useConsoleFeed, type ConsoleAccess } from './use-console-feed';

/** The operator's console: live figures of every node, over Pulse itself, and the revoke action. Admins only. */
export function AdminConsolePage({
  tokens,
  username,
}: {
  readonly tokens: AccessTokens;
  readonly username: string;
}) {
  const { access, history } = useConsoleFeed();
  const now = useNow(1000);
  const liveNodes = useClusterNodes(tokens, access === 'watching');
  if (access !== 'watching') return <ConsoleAccessNotice access={access} username={username} />;
  const timeline = clusterTimeline(history, CONSOLE_HISTORY_POINTS);
  const nodes = nodeSummaries(history, now);
  return (
    <section className="console" aria-labelledby="console-title">
      <h2 id="console-title">Operator's console</h2>
      <p className="muted">
        Every node reports once a second; charts show the last minute of the whole cluster.
      </p>
      <div className="console-charts">
        <LineChart title="Connections by transport" series={timeline.connections} format={formatCount} />
        <LineChart title="Messages per second" series={timeline.messages} format={formatRate} />
        <LineChart title="Fan-out latency" series={timeline.fanout} format={formatSeconds} />
        {timeline.redisLag.length > 0 && (
          <LineChart title="Redis pub/sub lag" series={timeline.redisLag} format={formatSeconds} />
        )}
        <LineChart title="Refused upgrades" series={timeline.refusedUpgrades} format={formatCount} />
        <LineChart title="Closes by code" series={timeline.closes} format={formatCount} />
      </div>
      <NodesPanel nodes={nodes} />
      <ClusterNodesPanel outcome={liveNodes} now={now} />
      <RoomsPanel rooms={roomTotals(nodes)} />
      <RevokeForm tokens={tokens} />
    </section>
  );
}

function ConsoleAccessNotice({
  access,
  username,
}: {
  readonly access: Exclude<ConsoleAccess, 'watching'>;
  readonly username: string;
}) {
  if (access === 'refused') {
    return (
      <section className="card" aria-labelledby="console-title">
        <h2 id="console-title">Operator's console</h2>
        <p role="alert">
          The console is for admins. You are signed in as {username}, who does not have the admin role.
        </p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="console-title" aria-busy={access === 'waiting'}>
      <h2 id="console-title">Operator's console</h2>
      {access === 'waiting' ? (
        <p className="muted">Connecting to the console…</p>
      ) : (
        <p role="alert">The console could not be opened. Try again later.</p>
      )}
    </section>
  );
}

/** The time, refreshed every `everyMs` (so a node that went silent is shown as such). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
