import { Module } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect } from '@nestjs/websockets';
import { connectionOf, PulseGateway } from '@pulse/gateway';
import type { IncomingMessage } from 'node:http';
import { LogCapture } from '../testing/log-capture';
import { startTestApp, type TestApp } from '../testing/test-app';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { TestClient } from '../testing/test-client';

const seen: string[] = [];

/** A team's own gateway with Nest's connection hooks, served next to Pulse's through `createApp({ features })`. */
@PulseGateway()
class PresenceLogGateway implements OnGatewayConnection, OnGatewayDisconnect {
  handleConnection(client: object, request?: IncomingMessage): void {
    const user = connectionOf(client)?.user.id ?? 'unknown';
    if (user === 'mallory') throw new Error('a hook that fails');
    seen.push(`in:${user}:${request ? 'with-request' : 'socket.io'}`);
  }

  async handleDisconnect(client: object): Promise<void> {
    const user = connectionOf(client)?.user.id ?? 'unknown';
    if (user === 'mallory') throw new Error('an async hook that fails');
    seen.push(`out:${user}`);
  }
}

@Module({ providers: [PresenceLogGateway] })
class PresenceLogModule {}

describe("a team's gateway with handleConnection / handleDisconnect", () => {
  let api: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    api = await startTestApp({}, { features: [PresenceLogModule], logDestination: logs });
  });

  afterAll(() => api.close());

  beforeEach(() => {
    seen.length = 0;
  });

  async function until(entry: string): Promise<void> {
    for (let waited = 0; !seen.includes(entry); waited += 10) {
      if (waited > 5000) throw new Error(`never saw ${entry}; saw ${seen.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('is told of every native connection, with the upgrade request, and of its close', async () => {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    await until('in:alice:with-request');
    await client.close();
    await until('out:alice');
    expect(seen).toEqual(['in:alice:with-request', 'out:alice']);
  });

  it('is told of Socket.IO connections and disconnects too', async () => {
    const client = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('bob'));
    await until('in:bob:socket.io');
    client.close();
    await until('out:bob');
  });

  it('keeps the connection working when a hook throws or rejects', async () => {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('mallory')}`);
    client.send({ type: 'ping', t: 7 });
    await expect(client.next('pong')).resolves.toMatchObject({ t: 7 });
    await client.close();
    const other = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    await until('in:alice:with-request');
    await other.close();
    const failures = logs
      .entries()
      .filter((entry) => entry.context === 'Gateways')
      .map((entry) => entry.msg);
    expect(failures).toEqual([
      'PresenceLogGateway.handleConnection failed',
      'PresenceLogGateway.handleDisconnect failed',
    ]);
  });
});
