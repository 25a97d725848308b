import { encode } from '@msgpack/msgpack';
import { decodeBinaryServerMessage, ErrorCode, MSGPACK_PROTOCOL, type ServerMessage } from '@pulse/protocol';
import { WebSocket, type RawData } from 'ws';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

const WAIT_MS = 5000;

/** A raw client of the MessagePack encoding: counts text frames (there must be none), decodes binary ones. */
class MsgpackClient {
  readonly received: ServerMessage[] = [];
  textFrames = 0;
  batchFrames = 0;
  private readonly checks = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.textFrames++;
      else {
        // The protocol's own decoder and validators: what the server sends must pass them.
        const decoded = decodeBinaryServerMessage(data as Buffer);
        if (!decoded.ok)
          throw new Error(`server sent an invalid MessagePack frame: ${decoded.error.message}`);
        const message = decoded.message;
        if (message.type === 'batch') {
          this.batchFrames++;
          this.received.push(...message.messages);
        } else this.received.push(message);
      }
      for (const check of [...this.checks]) check();
    });
  }

  static open(url: string, protocols: string[] = [MSGPACK_PROTOCOL]): Promise<MsgpackClient> {
    const socket = new WebSocket(url, protocols);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new MsgpackClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(encode(message));
  }

  /** Resolves once `condition` holds, re-checked on every frame; rejects after WAIT_MS. */
  until(condition: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new Error(`no ${what} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      this.checks.add(check);
      check();
    });
  }

  /** The first message of `type` (matching `where`) not taken yet. */
  async next<T extends ServerMessage['type']>(
    type: T,
    where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const find = () =>
      this.received.findIndex((m) => m.type === type && where(m as Extract<ServerMessage, { type: T }>));
    await this.until(() => find() >= 0, `"${type}"`);
    return this.received.splice(find(), 1)[0] as Extract<ServerMessage, { type: T }>;
  }

  close(): void {
    this.socket.close();
  }
}

describe('the MessagePack encoding on /ws (subprotocol pulse.v1.msgpack)', () => {
  let api: TestApp;
  const open: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    for (const client of open) await client.close();
    await api.close();
  });

  async function msgpackClient(user: string, protocols?: string[]): Promise<MsgpackClient> {
    const client = await MsgpackClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`, protocols);
    open.push(client);
    return client;
  }

  it('is chosen when offered (before or after pulse.v1), and the same messages come as binary frames', async () => {
    const alice = await msgpackClient('alice', ['pulse.v1', MSGPACK_PROTOCOL]);
    expect(alice.socket.protocol).toBe(MSGPACK_PROTOCOL);
    alice.send({ type: 'join', room: 'mp-room' });
    const snapshot = await alice.next('snapshot');
    expect(snapshot).toMatchObject({ room: 'mp-room', self: 'alice', players: [{ id: 'alice' }] });
    await alice.next('resume-ticket');
    alice.send({ type: 'ping', t: 42, id: 'p1' });
    await expect(alice.next('pong')).resolves.toEqual({ type: 'pong', t: 42 });
    expect(alice.textFrames).toBe(0);
  });

  it('fans one move out as MessagePack to MessagePack members and as JSON to JSON members', async () => {
    const bob = await msgpackClient('bob');
    bob.send({ type: 'join', room: 'mp-mixed' });
    await bob.next('snapshot');
    const carol = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('carol')}`);
    open.push(carol);
    carol.send({ type: 'join', room: 'mp-mixed' });
    await carol.next('snapshot');

    carol.send({ type: 'move', room: 'mp-mixed', x: 5, y: 6 });
    await expect(bob.next('move')).resolves.toMatchObject({
      type: 'move',
      room: 'mp-mixed',
      player: 'carol',
      x: 5,
      y: 6,
    });
    bob.send({ type: 'move', room: 'mp-mixed', x: 7, y: 8, id: 'm1' });
    await expect(bob.next('ack', (ack) => ack.id === 'm1')).resolves.toMatchObject({ id: 'm1' });
    await expect(carol.next('move', (move) => move.player === 'bob')).resolves.toMatchObject({ x: 7, y: 8 });
    expect(bob.textFrames).toBe(0);
  });

  it('answers an invalid MessagePack frame, or an invalid message in one, with an error and keeps the socket', async () => {
    const dave = await msgpackClient('dave');
    dave.socket.send(Buffer.from([0xc1, 0x00, 0xff]));
    await expect(dave.next('error')).resolves.toMatchObject({
      code: ErrorCode.INVALID_MESSAGE,
      message: 'frame is not valid MessagePack',
    });
    dave.send({ type: 'move', room: 'mp-x', x: 'far', y: 1, id: 'bad' });
    await expect(dave.next('error', (error) => error.id === 'bad')).resolves.toMatchObject({
      code: ErrorCode.INVALID_MESSAGE,
    });
    dave.send({ type: 'ping', t: 1 });
    await expect(dave.next('pong')).resolves.toEqual({ type: 'pong', t: 1 });
  });

  it('batches per tick as one binary batch when asked', async () => {
    const [alice, bob] = [await msgpackClient('alice'), await msgpackClient('bob')];
    for (const client of [alice, bob]) {
      client.send({ type: 'join', room: 'mp-batch' });
      await client.next('snapshot');
    }
    alice.send({ type: 'batching', hz: 20, id: 'b' });
    await alice.next('ack', (ack) => ack.id === 'b');
    for (let x = 0; x < 5; x++) bob.send({ type: 'move', room: 'mp-batch', x, y: 0 });
    await alice.until(() => alice.received.filter((m) => m.type === 'move').length === 5, 'five moves');
    expect(alice.received.filter((m) => m.type === 'move').map((m) => (m as { x: number }).x)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(alice.batchFrames).toBeGreaterThanOrEqual(1);
    expect(alice.textFrames).toBe(0);
  });

  it('keeps JSON the default: without the subprotocol, text frames and binary refused', async () => {
    const erin = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    open.push(erin);
    expect(erin.socket.protocol).toBe('');
    erin.sendRaw(Buffer.from(encode({ type: 'ping', t: 1 })), true);
    await expect(erin.next('error')).resolves.toMatchObject({ code: ErrorCode.BINARY_NOT_SUPPORTED });
  });
});
