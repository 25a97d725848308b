import type { ServerMessage } from '@pulse/protocol';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { ConnectionDispatchers } from './connection-dispatchers';
import { GatewayRoutes } from './gateway-routes';
import { startTransportKit, type TransportKit } from './testing/transport-kit';

function connection(sent: ServerMessage[], closes: number[]): RealtimeConnection {
  return {
    id: 'c1',
    user: { id: 'alice', name: 'alice', roles: [] },
    transport: 'ws',
    rooms: new Set(),
    send: (message) => void sent.push(message),
    sendFrame: (frame) => void sent.push(frame.message),
    close: (code) => void closes.push(code),
    markAlive: () => undefined,
    checkAlive: () => true,
    terminate: () => undefined,
    setBatching: () => false,
  };
}

describe('ConnectionDispatchers', () => {
  let kit: TransportKit;

  afterEach(() => kit.close());

  it('makes dispatchers that serve the handlers and count what comes in and what is refused', async () => {
    kit = await startTransportKit();
    const sent: ServerMessage[] = [];
    const dispatcher = kit
      .get(ConnectionDispatchers)
      .dispatcherFor({}, connection(sent, []), kit.get(GatewayRoutes).forPath('/ws').handlers);
    dispatcher.dispatchText('{"type":"ping","t":3}');
    dispatcher.dispatchText('{"type":"teleport"}');
    expect(sent).toEqual([
      { type: 'pong', t: 3 },
      expect.objectContaining({ type: 'error', code: 'UNKNOWN_TYPE' }),
    ]);
    const metrics = await kit.metrics();
    expect(metrics).toContain('pulse_messages_in_total{type="ping"} 1');
    expect(metrics).toContain('pulse_errors_total{code="UNKNOWN_TYPE"} 1');
  });

  it('gives each connection a budget of its own from RATE_LIMIT_* settings, and none when the limit is off', async () => {
    kit = await startTransportKit({}, { rateLimits: { messagesPerSecond: 1, messageBurst: 2 } });
    const dispatchers = kit.get(ConnectionDispatchers);
    const first = dispatchers.budget();
    const second = dispatchers.budget();
    expect(first).not.toBe(second);
    expect([first?.take(), first?.take(), first?.take()]).toEqual(['ok', 'ok', 'limited']);
    expect(second?.take()).toBe('ok');
    await kit.close();
    kit = await startTransportKit({}, { rateLimits: { messagesPerSecond: 0 } });
    expect(kit.get(ConnectionDispatchers).budget()).toBeNull();
  });
});
