import { resolveRateLimitOptions } from '@pulse/gateway';
import { CloseCode, GAME_BOARD, type ClientMessage } from '@pulse/protocol';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { RawWebSocket } from './testing/raw-websocket';

const FLOOD_FRAMES = 5000;
const { messagesPerSecond, messageBurst } = resolveRateLimitOptions();

/** Round-trip times of `count` app-level pings, one after the other, paced far under the default budget. */
async function pingTimes(client: TestClient, count: number, until?: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count || (until && !until()); i++) {
    const started = performance.now();
    await client.settle();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return times;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One player's socket, whichever the transport: what it sends, and every refusal or close it gets. */
interface PlayerLink {
  send(message: ClientMessage): void;
  /** Resolves once the server answered the ping `t`: it then has handled everything sent before it. */
  pong(t: number): Promise<unknown>;
  /** `error` answers and closes, in the order they came. */
  readonly refusals: unknown[];
}

const MOVES = 600;
const HZ = 60;
/** A ping after every 15 moves; the player never runs more than two such groups ahead of the server. */
const GROUP = 15;
const GROUPS_AHEAD = 2;

/**
 * The reference player: a move every frame at 60 Hz, a chat line every 2 s announced by `typing` (true 1.5 s before,
 * false with the line), and a ping per 15 moves. Sent as fast as the 60 Hz schedule allows: a late timer sends what
 * is due at once, the burst the budget is there to absorb. So that no stall of this machine can pile up more than
 * the burst in front of the server, the player waits for the pong of the group before last, and the most it ever
 * has unanswered is counted and returned.
 */
async function playAtSixtyHertz(
  link: PlayerLink,
  room: string,
): Promise<{ sent: number; mostUnanswered: number }> {
  const started = performance.now();
  const pongs: Array<Promise<unknown>> = [];
  /** How many messages had been sent when each ping went out, and how many the server has answered for. */
  const sentBeforePing: number[] = [];
  let answered = 0;
  let sent = 0;
  let mostUnanswered = 0;
  const send = (message: ClientMessage) => {
    link.send(message);
    sent++;
    mostUnanswered = Math.max(mostUnanswered, sent - answered);
  };
  for (let frame = 0; frame < MOVES; frame++) {
    const wait = started + (frame * 1000) / HZ - performance.now();
    if (wait > 0) await sleep(wait);
    send({
      type: 'move',
      room,
      x: frame % GAME_BOARD.width,
      y: Math.floor(frame / GAME_BOARD.width) % GAME_BOARD.height,
    });
    if (frame % (2 * HZ) === HZ / 2) send({ type: 'typing', room, active: true });
    if (frame % (2 * HZ) === 2 * HZ - 1) {
      send({ type: 'chat', room, text: `line ${frame}` });
      send({ type: 'typing', room, active: false });
    }
    if (frame % GROUP === GROUP - 1) {
      const group = pongs.length;
      send({ type: 'ping', t: group });
      sentBeforePing.push(sent);
      pongs.push(link.pong(group).then(() => (answered = Math.max(answered, sentBeforePing[group]))));
      if (group >= GROUPS_AHEAD) await pongs[group - GROUPS_AHEAD];
    }
  }
  await Promise.all(pongs);
  return { sent, mostUnanswered };
}

describe(`message budget per connection (defaults: ${messagesPerSecond}/s, bursts of ${messageBurst})`, () => {
  let api: TestApp;
  const toClose: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    for (const client of toClose) await client.close();
    await api.close();
  });

  async function native(user: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    toClose.push(client);
    return client;
  }

  async function socketIo(user: string): Promise<SocketIoTestClient> {
    const client = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor(user));
    toClose.push(client);
    return client;
  }

  it('answers a flood with RATE_LIMITED, then closes it with 4008, while another client is still answered', async () => {
    const calm = await native('bob');
    await pingTimes(calm, 3);

    const flooder = await RawWebSocket.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    let flooderGone = false;
    void flooder.ended.then(() => (flooderGone = true));
    const during = pingTimes(calm, 5, () => flooderGone);
    flooder.write(
      RawWebSocket.textFrames(
        Array.from({ length: FLOOD_FRAMES }, (_, i) => JSON.stringify({ type: 'ping', t: i })),
      ),
    );
    await flooder.ended;

    const answers = flooder.texts().map((text) => JSON.parse(text) as { type: string; code?: string });
    // the burst is served, plus what the budget refills while the flood is read; then the allowance for refusals
    // runs dry, and the rest of the flood is never handled
    const pongs = answers.filter((answer) => answer.type === 'pong').length;
    const refused = answers.filter(
      (answer) => answer.type === 'error' && answer.code === 'RATE_LIMITED',
    ).length;
    expect(pongs).toBeGreaterThanOrEqual(messageBurst);
    expect(refused).toBeGreaterThanOrEqual(messageBurst);
    expect(pongs + refused).toBeLessThan(FLOOD_FRAMES / 2);
    expect(answers).toContainEqual({
      type: 'error',
      code: 'RATE_LIMITED',
      message: 'too many messages; slow down',
    });
    expect(flooder.closeCode()).toBe(CloseCode.RATE_LIMIT_EXCEEDED);

    // Every ping of the calm client is answered during the flood. How fast depends on the machine; the
    // hostile-client suite states a bound for it, and tools/bench measures it.
    const times = await during;
    expect(times.length).toBeGreaterThanOrEqual(5);
    expect(calm.received.some((m) => m.type === 'error')).toBe(false);
  });

  it('never refuses a 60 Hz mover who chats and types (native WebSocket)', async () => {
    const player = await native('carol');
    player.send({ type: 'join', room: 'sixty-hz-ws' });
    await player.next('snapshot');
    const refusals: unknown[] = [];
    void player.closed.then((close) => refusals.push(close));
    const link: PlayerLink = {
      send: (message) => player.send(message),
      pong: (t) => player.next('pong', (m) => m.t === t),
      refusals,
    };

    const { sent, mostUnanswered } = await playAtSixtyHertz(link, 'sixty-hz-ws');
    expect(sent).toBeGreaterThan(MOVES);
    expect(mostUnanswered).toBeLessThan(messageBurst / 4);
    expect(player.received.filter((m) => m.type === 'error')).toEqual([]);
    expect(refusals).toEqual([]);
  }, 60_000);

  it('never refuses a 60 Hz mover who chats and types (Socket.IO)', async () => {
    const player = await socketIo('erin');
    const refusals: unknown[] = [];
    player.socket.on('error', (message: unknown) => refusals.push(message));
    player.socket.on('close', (close: unknown) => refusals.push(close));
    player.socket.on('disconnect', (reason) => refusals.push(reason));
    player.emit({ type: 'join', room: 'sixty-hz-sio' });
    await player.next('snapshot');
    const link: PlayerLink = {
      send: (message) => player.emit(message),
      pong: (t) => player.next('pong', (m) => m.t === t),
      refusals,
    };

    const { sent, mostUnanswered } = await playAtSixtyHertz(link, 'sixty-hz-sio');
    expect(sent).toBeGreaterThan(MOVES);
    expect(mostUnanswered).toBeLessThan(messageBurst / 4);
    expect(refusals).toEqual([]);
  }, 60_000);

  it('applies the same budget over Socket.IO: a flood gets RATE_LIMITED, then the 4008 close', async () => {
    const sio = await socketIo('dave');
    const closed = new Promise<unknown>((resolve) => sio.socket.on('close', resolve));
    for (let i = 0; i < 2000; i++) sio.emit({ type: 'ping', t: i });
    await expect(sio.next('error', (m) => m.code === 'RATE_LIMITED')).resolves.toMatchObject({
      code: 'RATE_LIMITED',
    });
    await expect(closed).resolves.toEqual({ code: CloseCode.RATE_LIMIT_EXCEEDED, reason: 'message flood' });
  });
});
