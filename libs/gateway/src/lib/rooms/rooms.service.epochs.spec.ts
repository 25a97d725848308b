import type { ServerMessage, ServerMessageOf } from '@pulse/protocol';
import { encodeMessage } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import type { OutboundFrame } from '../dispatch/outbound-frame';
import { LocalRoomBus } from '../fanout/local-room.bus';
import type { RedisClients } from '../redis/redis-clients';
import { RoomsService } from './rooms.service';

type Snapshot = ServerMessageOf<'snapshot'>;

/** A connection that records what it was sent, decoded. */
function member(id: string): RealtimeConnection & { received: ServerMessage[] } {
  const received: ServerMessage[] = [];
  return {
    id,
    user: { id },
    rooms: new Set<string>(),
    received,
    send: (message: ServerMessage) => received.push(message),
    sendFrame: (frame: OutboundFrame) => received.push(JSON.parse(frame.text) as ServerMessage),
    close: jest.fn(),
  } as unknown as RealtimeConnection & { received: ServerMessage[] };
}

const move = (seq: number, x = seq): ServerMessage => ({
  type: 'move',
  room: 'r',
  player: 'p',
  x,
  y: 0,
  seq,
});
const snapshot = (seq: number, epoch: string): Snapshot => ({
  type: 'snapshot',
  room: 'r',
  self: 'a',
  players: [],
  seq,
  epoch,
});
/** What a client would record: each sequenced message as seq, a snapshot as `snapshot <epoch> <seq>`. */
const trace = (messages: ServerMessage[]) =>
  messages.map((m) =>
    m.type === 'snapshot'
      ? `snapshot ${m.epoch} ${m.seq}${m.resync ? ' resync' : ''}`
      : (m as { seq?: number }).seq,
  );

describe('RoomsService epochs', () => {
  let bus: LocalRoomBus;
  let rooms: RoomsService;
  let recovered: () => void;
  let source: jest.Mock<Promise<Snapshot>, [string, RealtimeConnection]>;

  const publish = (seq: number, epoch?: string) =>
    bus.publish('r', { seq, epoch, frame: encodeMessage(move(seq)) });
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  async function joined(id: string, seq: number, epoch: string) {
    const connection = member(id);
    await rooms.beginJoin(connection, 'r');
    connection.send(snapshot(seq, epoch));
    rooms.completeJoin(connection, 'r', seq, epoch);
    return connection;
  }

  beforeEach(() => {
    bus = new LocalRoomBus();
    const redis = {
      onRecovered: (listener: () => void) => (recovered = listener),
    } as unknown as RedisClients;
    rooms = new RoomsService(new ConnectionRegistry(), bus, undefined, redis);
    source = jest.fn();
    rooms.setResyncSource(source);
  });

  it('never sends an event of another epoch before a resync snapshot of it, and none at or below that snapshot', async () => {
    const a = await joined('a', 202, 'e1');
    let answer!: (s: Snapshot) => void;
    source.mockReturnValueOnce(new Promise<Snapshot>((resolve) => (answer = resolve)));
    await publish(203, 'e1');
    await publish(4, 'e2');
    await publish(5, 'e2');
    expect(trace(a.received)).toEqual(['snapshot e1 202', 203]);
    answer(snapshot(4, 'e2'));
    await settled();
    await publish(6, 'e2');
    expect(trace(a.received)).toEqual(['snapshot e1 202', 203, 'snapshot e2 4 resync', 5, 6]);
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('numbers degraded events in an outage epoch of its own, after a snapshot of that epoch, and a new one per outage', async () => {
    source.mockImplementation(async (room) => snapshot(rooms.lastSeq(room), rooms.outageEpoch(room)));
    const a = await joined('a', 202, 'e1');
    await publish(203, 'e1');
    expect(rooms.deliverDegraded('r', (seq) => move(seq))).toBe(204);
    await settled();
    rooms.deliverDegraded('r', (seq) => move(seq));
    const outage = rooms.outageEpoch('r');
    expect(outage).not.toBe('e1');
    expect(trace(a.received)).toEqual(['snapshot e1 202', 203, `snapshot ${outage} 204 resync`, 205]);

    recovered();
    expect(rooms.outageEpoch('r')).not.toBe(outage);
  });

  it("after Redis returns with its data, the shared log's events that reuse the degraded seqs come after a resync", async () => {
    source.mockImplementation(async (room) => snapshot(rooms.lastSeq(room), rooms.outageEpoch(room)));
    const a = await joined('a', 202, 'e1');
    rooms.deliverDegraded('r', (seq) => move(seq));
    await settled();
    rooms.deliverDegraded('r', (seq) => move(seq));
    recovered();
    source.mockImplementation(async () => snapshot(205, 'e1'));
    await publish(205, 'e1');
    await settled();
    await publish(206, 'e1');
    const outage = (a.received[1] as Snapshot).epoch;
    expect(trace(a.received)).toEqual([
      'snapshot e1 202',
      `snapshot ${outage} 203 resync`,
      204,
      'snapshot e1 205 resync',
      206,
    ]);
  });

  it('resyncs a joiner when an event of another epoch arrived while it waited for its snapshot', async () => {
    source.mockResolvedValueOnce(snapshot(1, 'e2'));
    const a = member('a');
    await rooms.beginJoin(a, 'r');
    await publish(1, 'e2');
    a.send(snapshot(202, 'e1'));
    rooms.completeJoin(a, 'r', 202, 'e1');
    await settled();
    await publish(2, 'e2');
    expect(trace(a.received)).toEqual(['snapshot e1 202', 'snapshot e2 1 resync', 2]);
  });

  it('closes a member whose resync snapshot cannot be had, so that it resumes', async () => {
    source.mockRejectedValueOnce(new Error('store down'));
    const a = await joined('a', 10, 'e1');
    await publish(1, 'e2');
    await settled();
    expect(a.close).toHaveBeenCalled();
    expect(trace(a.received)).toEqual(['snapshot e1 10']);
  });

  it('filters by seq alone where the join had no epoch, as before', async () => {
    const a = member('a');
    await rooms.beginJoin(a, 'r');
    rooms.completeJoin(a, 'r', 5);
    await publish(5, 'e1');
    await publish(6, 'e1');
    await publish(3, 'e2');
    expect(trace(a.received)).toEqual([6]);
    expect(source).not.toHaveBeenCalled();
  });
});
