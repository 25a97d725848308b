import { PulsePaths } from '@pulse/protocol';
import { freePort, startRedisServer } from '@pulse/testing';
import { startNode, type NodeProcess, type NodeProcessEnv } from '../testing/cluster-processes';
import { loopbackAddressFor, startTestNginx } from '../testing/nginx';
import { devLogin, ResumingClient, ticketsThrough } from '../testing/resuming-client';
import { waitFor } from '../testing/wait-for';
import { boardCell, cellIndex } from '../testing/board-cells';

/**
 * Issue 5's last promise: a rolling restart of every node, with clients sending throughout, loses nothing for
 * clients that resume (docs/delivery.md, "Draining and restarts"). Real processes: a private redis-server, two
 * built nodes on fixed ports, and nginx (ip_hash) in front. One player sends acknowledged moves all along; three
 * others, spread over both nodes, record every sequenced event. Each client reconnects through nginx on its own,
 * resumes with `since` and resends what has no ack yet (`ResumingClient`). Each node in turn gets SIGTERM, drains
 * (1012 to its clients), exits 0, and is replaced by a fresh process on the same port.
 */

const SECRET = 'rolling-restart-test-secret-long-enough-for-hs256';
const ROOM = 'rolling';
const TEST_TIMEOUT_MS = 60_000;
/** The sender's pace: one acknowledged move per tick, counting up in `x`. */
const MOVE_INTERVAL_MS = 7;
/** Moves sent after the last node is back, so the end of the run is live traffic on the new nodes. */
const MOVES_AFTER_ROLL = 150;
/** The most moves the sender will make, whatever happens: bounds the run. */
const MAX_MOVES = 5000;
/**
 * The sender's outbox: while this many moves wait for their ack (it is away), it makes no new one, as a real
 * client with a bounded queue would. Bounds what it flushes when it is back; acknowledged sends of one
 * connection are applied one after another (claim, apply, record: three Redis round trips each).
 */
const MAX_UNACKED = 200;
/**
 * One reconnection may take this long: nginx skips a refused node for `fail_timeout` (10 s), so right after
 * the second node stops, the first one (back already) may still be skipped and nginx answers 502 for a while.
 */
const RECONNECT_DEADLINE_MS = 20_000;
/** Bounds for the waits after the roll. */
const SETTLE_MS = 15_000;

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connectionsOn(node: NodeProcess): Promise<number> {
  const response = await fetch(`${node.httpUrl}${PulsePaths.health}`);
  return ((await response.json()) as { connections: number }).connections;
}

async function readyStatus(node: NodeProcess): Promise<number> {
  try {
    const response = await fetch(`${node.httpUrl}/readyz`);
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

/** The seqs missing from, and repeated in, what should be exactly `from + 1`, `from + 2`, ... */
function gapsAndDuplicates(seqs: readonly number[], from: number): { gaps: number[]; duplicates: number[] } {
  const seen = new Set<number>();
  const duplicates: number[] = [];
  for (const seq of seqs) {
    if (seen.has(seq)) duplicates.push(seq);
    seen.add(seq);
  }
  const last = Math.max(from, ...seqs);
  const gaps: number[] = [];
  for (let seq = from + 1; seq <= last; seq++) if (!seen.has(seq)) gaps.push(seq);
  return { gaps, duplicates };
}

describe('a rolling restart of two nodes behind nginx (real processes)', () => {
  it(
    'loses no event and applies every acknowledged move exactly once, for clients that resume',
    async () => {
      const redis = await startRedisServer();
      cleanups.push(() => redis.stop());
      const env: NodeProcessEnv = {
        REDIS_URL: redis.url,
        JWT_SECRET: SECRET,
        RATE_LIMIT_MESSAGES_PER_SECOND: '0',
        TRUSTED_PROXIES: '127.0.0.1',
        // Clients are away for seconds while the sender goes on: keep every event of the run replayable.
        HISTORY_MAX_EVENTS: '100000',
      };
      const ports = [await freePort(), await freePort()];
      const started: NodeProcess[] = [];
      cleanups.push(() => Promise.all(started.map((node) => node.stop())).then(() => undefined));
      const nodes = await Promise.all(ports.map((port) => startNode(env, { port })));
      started.push(...nodes);
      const nginx = await startTestNginx(
        nodes.map((node) => node.address),
        30_000,
      );
      cleanups.push(() => nginx.stop());

      const join = async (username: string, peer: number): Promise<ResumingClient> => {
        const client = await ResumingClient.join({
          name: username,
          wsBaseUrl: nginx.wsBaseUrl,
          room: ROOM,
          ticket: ticketsThrough(nginx.url, await devLogin(nginx.url, username)),
          localAddress: loopbackAddressFor(peer, nodes.length),
          reconnectDeadlineMs: RECONNECT_DEADLINE_MS,
        });
        cleanups.push(() => client.stop());
        return client;
      };
      const sender = await join('alice', 0);
      const receivers = [await join('bob', 0), await join('carol', 1), await join('dave', 1)];
      // Sticky by source address: two clients on each node, so each node's drain moves someone.
      expect(await Promise.all(nodes.map(connectionsOn))).toEqual([2, 2]);

      // The sender makes one move per tick whether or not it is connected: a real client's input does not wait
      // for the network. Moves made while it is away go out (with their ids) when it is back; while its outbox
      // is full, it skips ticks.
      let made = 0;
      let stopAt = MAX_MOVES;
      let generatorDone!: () => void;
      const generated = new Promise<void>((resolve) => (generatorDone = resolve));
      const ticker = setInterval(() => {
        if (made >= stopAt) {
          clearInterval(ticker);
          generatorDone();
          return;
        }
        if (sender.unackedCount >= MAX_UNACKED) return;
        made++;
        sender.sendAcked({ type: 'move', room: ROOM, ...boardCell(made), id: `m${made}` });
      }, MOVE_INTERVAL_MS);
      cleanups.push(() => clearInterval(ticker));
      await waitFor(async () => sender.acks.size >= 20, 'the first acks');

      const rolls: Array<{ node: number; madeAtSigterm: number; madeWhenReady: number; exit: unknown }> = [];
      for (const index of [0, 1]) {
        const old = nodes[index];
        const madeAtSigterm = made;
        process.kill(old.pid, 'SIGTERM');
        const exit = await old.exited;
        const replacement = await startNode(env, { port: ports[index] });
        started.push(replacement);
        nodes[index] = replacement;
        await waitFor(async () => (await readyStatus(replacement)) === 200, `node ${index + 1} ready again`);
        rolls.push({ node: index + 1, madeAtSigterm, madeWhenReady: made, exit });
      }
      expect(rolls.map((roll) => roll.exit)).toEqual([0, 0]);
      // Moves were made while each node drained, was down and came back.
      for (const roll of rolls) expect(roll.madeWhenReady).toBeGreaterThan(roll.madeAtSigterm);

      // Both nodes are back; once every client is too (nginx may still skip a node it saw refuse, see above),
      // the sender goes on for a while, so the run ends with live traffic on the new nodes.
      await waitFor(
        async () => [sender, ...receivers].every((client) => client.live || client.failure !== undefined),
        'every client back',
        RECONNECT_DEADLINE_MS,
      );
      expect(made).toBeLessThan(MAX_MOVES);
      stopAt = made + MOVES_AFTER_ROLL;
      await generated;
      await sender.allAcked(SETTLE_MS);
      const ackedSeqs = [...sender.acks.values()].flat();
      const finalSeq = Math.max(...ackedSeqs.map((seq) => seq ?? 0));
      await Promise.all(receivers.map((receiver) => receiver.appliedUpTo(finalSeq, SETTLE_MS)));
      // A round trip each: anything the server would still send them (a late duplicate) is here by now.
      await Promise.all([sender, ...receivers].map((client) => client.settle(SETTLE_MS)));

      // The sender: every move it made was acknowledged exactly once, each with the seq it got.
      expect(sender.failure).toBeUndefined();
      expect(sender.errors).toEqual([]);
      expect(sender.sentIds).toHaveLength(made);
      const ackSeqByX = new Map<number, number | undefined>();
      const ackedMoreThanOnce: string[] = [];
      for (const [id, seqs] of sender.acks) {
        if (seqs.length !== 1) ackedMoreThanOnce.push(id);
        ackSeqByX.set(Number(id.slice(1)), seqs[0]);
      }
      expect(ackedMoreThanOnce).toEqual([]);
      expect(ackSeqByX.size).toBe(made);
      expect([...ackSeqByX.values()].filter((seq) => seq === undefined)).toEqual([]);
      const ackedXs = [...ackSeqByX.keys()].sort((a, b) => a - b);
      expect(ackedXs).toEqual(Array.from({ length: made }, (_, i) => i + 1));

      for (const client of [sender, ...receivers]) {
        // Everyone was moved by a drain (1012 with a retry hint), came back and resumed, never resynced.
        expect(client.failure).toBeUndefined();
        expect(client.closes.length).toBeGreaterThanOrEqual(1);
        for (const close of client.closes) {
          expect(close).toMatchObject({ code: 1012, reason: expect.stringMatching(/^retry-after-ms=\d+$/) });
        }
        expect(client.resumes).toHaveLength(client.closes.length);
        expect(client.snapshots).toHaveLength(1);
      }

      for (const receiver of receivers) {
        expect(receiver.errors).toEqual([]);
        const from = receiver.snapshots[0].seq;
        const seqs = receiver.events.map((event) => event.seq);
        // One contiguous run of seqs from the first snapshot on: no gap, no duplicate, in order.
        expect(gapsAndDuplicates(seqs, from)).toEqual({ gaps: [], duplicates: [] });
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => from + 1 + i));
        expect(seqs[seqs.length - 1]).toBeGreaterThanOrEqual(finalSeq);

        // The sender's moves: exactly the acknowledged ones, each once, at the seq its ack named.
        const moves = receiver.events.flatMap(({ message }) =>
          message.type === 'move' && message.player === 'alice' ? [message] : [],
        );
        // Moves name board cells, which repeat after BOARD_CELLS moves: the seq tells them apart.
        const madeBySeq = new Map([...ackSeqByX].map(([madeAs, seq]) => [seq, madeAs]));
        expect(moves.map((move) => move.seq).sort((a, b) => a - b)).toEqual(
          [...madeBySeq.keys()].sort((a, b) => (a ?? 0) - (b ?? 0)),
        );
        expect(
          moves.filter((move) => cellIndex(move) !== cellIndex(boardCell(madeBySeq.get(move.seq) ?? -1))),
        ).toEqual([]);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
