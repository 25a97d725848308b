import {
  decodeBinaryClientMessage,
  encodeBinaryMessage,
  MSGPACK_PROTOCOL,
  type ClientMessage,
  type DecodeResult,
  type ServerMessage,
} from '@pulse/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { WebSocketTransport } from './websocket.transport';

describe('WebSocketTransport with the MessagePack encoding', () => {
  let server: WebSocketServer;
  let url: URL;
  const offered: string[][] = [];
  const received: Array<{ isBinary: boolean; decoded: DecodeResult<ClientMessage> }> = [];

  beforeAll(async () => {
    server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => {
        offered.push([...protocols]);
        return protocols.has(MSGPACK_PROTOCOL) ? MSGPACK_PROTOCOL : false;
      },
    });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = new URL(`ws://127.0.0.1:${(server.address() as { port: number }).port}/ws`);
    server.on('connection', (socket) => {
      socket.on('message', (data: Buffer, isBinary) => {
        const decoded = decodeBinaryClientMessage(data);
        received.push({ isBinary, decoded });
        if (decoded.ok && decoded.message.type === 'ping')
          socket.send(encodeBinaryMessage({ type: 'pong', t: decoded.message.t }));
      });
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('offers pulse.v1.msgpack, sends binary MessagePack frames and decodes binary answers with the validators', async () => {
    const transport = new WebSocketTransport(url, WebSocket, 'msgpack');
    const results: DecodeResult<ServerMessage>[] = [];
    const answered = new Promise<void>((resolve, reject) => {
      const link = transport.open('t1', {
        opened: () => link.send({ type: 'ping', t: 9 }),
        received: (result) => {
          results.push(result);
          link.close(1000, 'done');
          resolve();
        },
        closed: (code) => reject(new Error(`closed ${code}`)),
      });
    });
    await answered;
    expect(offered).toEqual([[MSGPACK_PROTOCOL]]);
    expect(received).toEqual([{ isBinary: true, decoded: { ok: true, message: { type: 'ping', t: 9 } } }]);
    expect(results).toEqual([{ ok: true, message: { type: 'pong', t: 9 } }]);
  });
});
