import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { boardCell } from '../testing/board-cells';

const MOVES = 10_000;

/**
 * A client that stops reading while the room is busy. On loopback the kernel buffers about 4 MB per socket before
 * the server sees any backpressure, so 10,000 moves stay under it here; the conflation and the 4009 close past
 * the hard limit are covered by ws-connection.spec.ts, where the peer's buffer is full from the start.
 */
describe('a client that stops reading', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_MESSAGES_PER_SECOND: '0' });
  });

  afterAll(() => api.close());

  async function member(user: string, room: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    client.send({ type: 'join', room });
    await client.next('snapshot');
    return client;
  }

  it('does not hold up the others, and reaches the same state when it reads again', async () => {
    const room = 'slow';
    const sender = await member('alice', room);
    const reader = await member('bob', room);
    const slow = await member('carol', room);
    slow.socket.pause();

    let readerMoves = 0;
    let readerLast = '';
    const readerDone = new Promise<void>((resolve) =>
      reader.socket.on('message', (data) => {
        const text = data.toString();
        if (!text.startsWith('{"type":"move"')) return;
        readerLast = text;
        if (++readerMoves === MOVES) resolve();
      }),
    );
    for (let sent = 0; sent < MOVES; sent++) sender.send({ type: 'move', room, ...boardCell(sent) });
    await readerDone;
    const final = boardCell(MOVES - 1);
    expect(JSON.parse(readerLast)).toMatchObject(final);

    slow.socket.resume();
    await slow.settle();
    const moves = slow.received.filter((m) => m.type === 'move');
    expect(moves[moves.length - 1]).toMatchObject(final);
    const seqs = moves.map((m) => (m.type === 'move' ? m.seq : 0));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await Promise.all([sender.close(), reader.close(), slow.close()]);
  });
});
