import { createServer, connect, type Server, type Socket } from 'node:net';
import { TurnWriter } from './turn-writer';

describe('TurnWriter', () => {
  let server: Server;
  let client: Socket;
  let peer: Socket;
  const received: Buffer[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const address = server.address() as { port: number };
    client = connect(address.port, '127.0.0.1');
    peer = await accepted;
    client.on('data', (chunk: Buffer) => received.push(chunk));
  });

  afterEach(async () => {
    client.destroy();
    peer.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('holds the frames of one turn and sends them, in order, once the turn ends', async () => {
    const writer = new TurnWriter();
    const writes: number[] = [];
    const originalWrite = peer._writev?.bind(peer);
    peer._writev = (chunks, callback) => {
      writes.push(chunks.length);
      originalWrite?.(chunks, callback);
    };
    for (let i = 0; i < 5; i++) writer.write(peer, Buffer.from(`frame-${i};`));
    expect(peer.writableCorked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(peer.writableCorked).toBe(0);
    expect(writes).toEqual([5]);
    await waitFor(() => Buffer.concat(received).length === 'frame-0;'.length * 5);
    expect(Buffer.concat(received).toString()).toBe('frame-0;frame-1;frame-2;frame-3;frame-4;');
  });

  it('leaves a socket corked by someone else alone and still writes in order', async () => {
    const writer = new TurnWriter();
    peer.cork();
    writer.write(peer, Buffer.from('a'));
    peer.write('b');
    peer.uncork();
    await new Promise((resolve) => setImmediate(resolve));
    await waitFor(() => Buffer.concat(received).length === 2);
    expect(Buffer.concat(received).toString()).toBe('ab');
  });

  it('lets held frames go as soon as it holds its limit of sockets, and holds again after', async () => {
    const writer = new TurnWriter(1);
    writer.write(peer, Buffer.from('x'));
    expect(peer.writableCorked).toBe(0);
    await waitFor(() => Buffer.concat(received).length === 1);
    writer.write(peer, Buffer.from('y'));
    expect(peer.writableCorked).toBe(0);
    await waitFor(() => Buffer.concat(received).toString() === 'xy');
  });

  it('starts a new turn after a flush', async () => {
    const writer = new TurnWriter();
    writer.write(peer, Buffer.from('1'));
    await new Promise((resolve) => setImmediate(resolve));
    writer.write(peer, Buffer.from('2'));
    expect(peer.writableCorked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(peer.writableCorked).toBe(0);
    await waitFor(() => Buffer.concat(received).length === 2);
    expect(Buffer.concat(received).toString()).toBe('12');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
