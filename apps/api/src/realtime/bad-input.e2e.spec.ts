import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

describe('bad input over the socket', () => {
  let api: TestApp;
  let client: TestClient;

  beforeAll(async () => {
    api = await startTestApp({ WS_MAX_PAYLOAD_BYTES: '1024', RATE_LIMIT_MESSAGES_PER_SECOND: '0' });
  });

  beforeEach(async () => {
    client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
  });

  afterEach(() => client.close());
  afterAll(() => api.close());

  it.each([
    ['invalid JSON', '{"type":"join",', 'INVALID_MESSAGE'],
    ['a JSON array', '[]', 'INVALID_MESSAGE'],
    ['an unknown type', '{"type":"teleport"}', 'UNKNOWN_TYPE'],
    ['a missing field', '{"type":"join"}', 'INVALID_MESSAGE'],
    ['a wrong field type', '{"type":"ping","t":"now"}', 'INVALID_MESSAGE'],
  ])('answers %s with %s and keeps the socket open', async (_name, frame, code) => {
    client.sendRaw(frame);
    const error = await client.next('error');
    expect(error).toMatchObject({ type: 'error', code });
    expect(error.message).not.toContain(frame);
    await expect(client.settle()).resolves.toEqual([]);
  });

  it('answers a binary frame with an error', async () => {
    client.sendRaw(Buffer.from([1, 2, 3]), true);
    await expect(client.next('error')).resolves.toMatchObject({ code: 'BINARY_NOT_SUPPORTED' });
    await client.settle();
  });

  it('refuses a move in a room not joined with NOT_IN_ROOM, carrying the id', async () => {
    client.send({ type: 'move', room: 'elsewhere', x: 1, y: 1, id: 'm1' });
    await expect(client.next('error')).resolves.toEqual({
      type: 'error',
      code: 'NOT_IN_ROOM',
      message: expect.any(String),
      id: 'm1',
    });
    client.send({ type: 'leave', room: 'elsewhere', id: 'l1' });
    await expect(client.next('error')).resolves.toMatchObject({ code: 'NOT_IN_ROOM', id: 'l1' });
  });

  it('acks a message with an id once applied, and carries the id on a decode error', async () => {
    client.send({ type: 'join', room: 'acks', id: 'j1' });
    await expect(client.next('snapshot')).resolves.toMatchObject({ room: 'acks' });
    await expect(client.next('ack')).resolves.toEqual({ type: 'ack', id: 'j1' });
    client.sendRaw(JSON.stringify({ type: 'move', room: 'acks', x: 'far', y: 1, id: 'm2' }));
    await expect(client.next('error')).resolves.toMatchObject({ code: 'INVALID_MESSAGE', id: 'm2' });
    expect(client.received.filter((m) => m.type === 'ack' && m.id === 'm2')).toEqual([]);
  });

  it('closes with 1009 on a frame over WS_MAX_PAYLOAD_BYTES, and the server goes on', async () => {
    client.sendRaw(JSON.stringify({ type: 'ping', t: 1, pad: 'x'.repeat(2000) }));
    await expect(client.closed).resolves.toMatchObject({ code: 1009 });
    const next = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    await expect(next.settle()).resolves.toEqual([]);
    await next.close();
  });

  it('survives a burst of garbage and answers every frame', async () => {
    const frames = Array.from({ length: 200 }, (_, i) => (i % 2 ? `{"type":${i}` : `{"type":"nope${i}"}`));
    for (const frame of frames) client.sendRaw(frame);
    const errors = await Promise.all(frames.map(() => client.next('error')));
    expect(errors).toHaveLength(200);
    await expect(client.settle()).resolves.toEqual([]);
  });
});
