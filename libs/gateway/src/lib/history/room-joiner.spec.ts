import { InMemoryTicketStore, TicketsService } from '@pulse/auth';
import type { ServerMessage, ServerMessageOf } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import type { OutboundFrame } from '../dispatch/outbound-frame';
import { LocalRoomBus } from '../fanout/local-room.bus';
import { RoomsService } from '../rooms/rooms.service';
import { InMemorySequencedRoom } from '../sequenced-room/in-memory-sequenced-room';
import { InMemoryRoomHistory } from './in-memory-room.history';
import type { ReplayResult, RoomHistory } from './room-history';
import { ResumeTicketService } from '../sessions/resume-ticket.service';
import { SessionExpiryService } from '../sessions/session-expiry.service';
import { RoomJoiner } from './room-joiner';

type Snapshot = ServerMessageOf<'snapshot'>;

const ROOM = 'arena';

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

/** What a client would record: a move as its seq, anything else by its type and position. */
const trace = (messages: ServerMessage[]) =>
  messages.map((m) => {
    if (m.type === 'move') return m.seq;
    if (m.type === 'snapshot') return `snapshot ${m.seq}${m.resync ? ' resync' : ''}`;
    if (m.type === 'resumed') return `resumed ${m.seq}`;
    return m.type;
  });

/**
 * The node's real history, whose reads the test may hold between reading the log and answering: events published
 * meanwhile are not in the replay and must come live after it.
 */
class HeldHistory implements RoomHistory {
  private gate: Promise<void> | null = null;
  private open: () => void = () => undefined;
  private readDone: () => void = () => undefined;
  /** Resolves once a held read has read the log. */
  read$: Promise<void> = Promise.resolve();

  constructor(private readonly history: InMemoryRoomHistory) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
    this.read$ = new Promise((resolve) => (this.readDone = resolve));
  }

  release(): void {
    this.open();
    this.gate = null;
  }

  epoch(room: string): Promise<string> {
    return this.history.epoch(room);
  }

  async read(room: string, afterSeq: number, epoch: string): Promise<ReplayResult> {
    const result = await this.history.read(room, afterSeq, epoch);
    this.readDone();
    await this.gate;
    return result;
  }
}

describe('RoomJoiner', () => {
  let history: InMemoryRoomHistory;
  let held: HeldHistory;
  let sequenced: InMemorySequencedRoom;
  let rooms: RoomsService;
  let joiner: RoomJoiner;
  let lastSeq: number;

  /** A sequenced room event, through the node's sequenced room (which writes its log), as a room's store publishes it. */
  const publish = async (x = 0) => {
    lastSeq =
      (await sequenced.append(ROOM, { message: { type: 'move', room: ROOM, player: 'p', x, y: 0 } })) ?? 0;
  };
  /** The room's state now: the snapshot a joiner gets. */
  const snapshotNow = async (): Promise<Snapshot> => ({
    type: 'snapshot',
    room: ROOM,
    self: 'me',
    players: [],
    seq: lastSeq,
    epoch: await history.epoch(ROOM),
  });
  /** A snapshot the test answers when it wants, with the room as it is then. */
  const heldSnapshot = () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    return { enter: async () => (await answered, snapshotNow()), answer };
  };

  beforeEach(() => {
    lastSeq = 0;
    history = new InMemoryRoomHistory({ maxEvents: 5, maxAgeMs: 60_000 });
    held = new HeldHistory(history);
    const bus = new LocalRoomBus();
    sequenced = new InMemorySequencedRoom(bus, history);
    const registry = new ConnectionRegistry();
    rooms = new RoomsService(registry, bus);
    // Resume tickets off (TTL 0): what the joiner sends for them is the resume-ticket service's own spec.
    const sessionOptions = { reauthGraceSeconds: 30, resumeTicketTtlSeconds: 0 };
    const sessions = new SessionExpiryService(registry, sessionOptions, {
      renew: async () => ({ ok: false, reason: 'ticket-invalid' }),
    });
    const tickets = new TicketsService(new InMemoryTicketStore(), {
      jwtSecret: 'room-joiner-spec-secret-long-enough!',
      accessTokenTtlSeconds: 3600,
      ticketTtlSeconds: 30,
      devLogin: true,
      allowedOrigins: [],
    });
    joiner = new RoomJoiner(
      rooms,
      held,
      new ResumeTicketService(registry, sessionOptions, tickets, sessions),
    );
  });

  describe('a fresh join', () => {
    it('sends the snapshot, then live events', async () => {
      await publish();
      await publish();
      const a = member('a');
      await joiner.join(a, { type: 'join', room: ROOM }, snapshotNow);
      await publish();
      expect(trace(a.received)).toEqual(['snapshot 2', 3]);
      expect(rooms.isMember(a, ROOM)).toBe(true);
    });

    it('holds events that arrive while the snapshot is made and sends each one the snapshot lacks once, in seq order', async () => {
      const a = member('a');
      const snapshot = heldSnapshot();
      let read: Snapshot | undefined;
      const joining = joiner.join(a, { type: 'join', room: ROOM }, async () => {
        read = await snapshot.enter();
        // The room moves on after the snapshot was read, before it reaches the joiner.
        await publish();
        await publish();
        return read;
      });
      // Events 1 and 2 arrive before the snapshot is read: held, and in it.
      await publish();
      await publish();
      expect(a.received).toEqual([]);
      snapshot.answer();
      await joining;
      await publish();
      expect(read?.seq).toBe(2);
      expect(trace(a.received)).toEqual(['snapshot 2', 3, 4, 5]);
    });

    it('leaves the room and passes the error on when the snapshot cannot be had', async () => {
      const a = member('a');
      const failure = new Error('store down');
      await expect(joiner.join(a, { type: 'join', room: ROOM }, () => Promise.reject(failure))).rejects.toBe(
        failure,
      );
      expect(rooms.isMember(a, ROOM)).toBe(false);
      expect(a.rooms.has(ROOM)).toBe(false);
      await publish();
      expect(a.received).toEqual([]);
    });
  });

  describe('a resume from an offset', () => {
    it('replays what was missed with the original frames, then resumed, then live events, without the snapshot', async () => {
      for (let i = 0; i < 4; i++) await publish(i);
      const epoch = await history.epoch(ROOM);
      const a = member('a');
      await joiner.join(a, { type: 'join', room: ROOM, since: { seq: 2, epoch } }, snapshotNow);
      await publish();
      expect(trace(a.received)).toEqual([3, 4, 'resumed 4', 5]);
      expect(a.received[0]).toEqual({ type: 'move', room: ROOM, player: 'p', x: 2, y: 0, seq: 3 });
    });

    it('sends resumed at once when nothing was missed', async () => {
      await publish();
      const a = member('a');
      await joiner.join(
        a,
        { type: 'join', room: ROOM, since: { seq: 1, epoch: await history.epoch(ROOM) } },
        snapshotNow,
      );
      expect(trace(a.received)).toEqual(['resumed 1']);
    });

    it('holds events that arrive during the replay and sends those the replay lacks once, after resumed', async () => {
      await publish();
      await publish();
      const epoch = await history.epoch(ROOM);
      const a = member('a');
      const snapshot = heldSnapshot();
      const joining = joiner.join(a, { type: 'join', room: ROOM, since: { seq: 1, epoch } }, snapshot.enter);
      // 3 arrives while the joiner enters: it is in the log, so the replay has it, and the held copy is dropped.
      await publish();
      held.hold();
      snapshot.answer();
      await held.read$;
      // 4 and 5 arrive after the log was read: only the held copies can bring them.
      await publish();
      await publish();
      held.release();
      await joining;
      await publish();
      expect(trace(a.received)).toEqual([2, 3, 'resumed 3', 4, 5, 6]);
    });
  });

  describe('a resume whose position is unavailable', () => {
    it('gets the snapshot flagged resync when the epoch changed', async () => {
      await publish();
      const a = member('a');
      await joiner.join(a, { type: 'join', room: ROOM, since: { seq: 1, epoch: 'gone' } }, snapshotNow);
      await publish();
      expect(trace(a.received)).toEqual(['snapshot 1 resync', 2]);
    });

    it('gets the snapshot flagged resync when the log no longer holds the gap', async () => {
      const epoch = await history.epoch(ROOM);
      for (let i = 0; i < 8; i++) await publish();
      const a = member('a');
      await joiner.join(a, { type: 'join', room: ROOM, since: { seq: 1, epoch } }, snapshotNow);
      expect(trace(a.received)).toEqual(['snapshot 8 resync']);
      expect(a.received[0]).toMatchObject({ type: 'snapshot', epoch, resync: true });
    });

    it('gets the snapshot flagged resync when its seq is ahead of the room', async () => {
      await publish();
      const a = member('a');
      await joiner.join(
        a,
        { type: 'join', room: ROOM, since: { seq: 9, epoch: await history.epoch(ROOM) } },
        snapshotNow,
      );
      await publish();
      expect(trace(a.received)).toEqual(['snapshot 1 resync', 2]);
    });

    it('holds events that arrive meanwhile and sends only those after the resync snapshot, once', async () => {
      const a = member('a');
      const snapshot = heldSnapshot();
      const joining = joiner.join(
        a,
        { type: 'join', room: ROOM, since: { seq: 3, epoch: 'gone' } },
        async () => {
          const read = await snapshot.enter();
          await publish();
          return read;
        },
      );
      await publish();
      snapshot.answer();
      await joining;
      await publish();
      expect(trace(a.received)).toEqual(['snapshot 1 resync', 2, 3]);
    });
  });
});
