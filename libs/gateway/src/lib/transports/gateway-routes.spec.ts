import { GatewayRoutes } from './gateway-routes';
import { startTransportKit, type TransportKit } from './testing/transport-kit';

describe('GatewayRoutes', () => {
  let kit: TransportKit;

  beforeAll(async () => {
    kit = await startTransportKit();
  });

  afterAll(() => kit.close());

  it("gives a native path its gateways' handlers, Socket.IO every gateway's, compiled once", () => {
    const routes = kit.get(GatewayRoutes);
    expect([...routes.forPath('/ws').handlers.keys()]).toEqual(expect.arrayContaining(['ping', 'batching']));
    expect(routes.forPath('/elsewhere').handlers.size).toBe(0);
    expect([...routes.all.handlers.keys()]).toEqual(expect.arrayContaining(['ping', 'batching']));
    expect(routes.forPath('/ws').handlers).toBe(routes.forPath('/ws').handlers);
    expect(routes.all).toBe(routes.all);
  });
});
