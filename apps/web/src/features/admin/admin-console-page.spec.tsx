import { PulseRequestError, type ConnectionState, type PulseClient } from '@pulse/client';
import { ErrorCode, type ServerMessageOf } from '@pulse/protocol';
import { act, render, screen } from '@testing-library/react';
import { PulseClientContext } from '../../realtime/pulse-context';
import { AdminConsolePage } from './admin-console-page';
import { sampleOf } from './console-sample.fixture';

/** Just what the console uses of the SDK: state, `on('console-sample')`, `onState`, `request` and `send`. */
class FakeClient {
  state: ConnectionState = { status: 'open' };
  readonly sent: string[] = [];
  private readonly handlers = new Set<(sample: ServerMessageOf<'console-sample'>) => void>();

  constructor(private readonly answer: () => Promise<ServerMessageOf<'ack'>>) {}

  on(_type: 'console-sample', handler: (sample: ServerMessageOf<'console-sample'>) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onState(): () => void {
    return () => undefined;
  }

  request(type: string): Promise<ServerMessageOf<'ack'>> {
    this.sent.push(type);
    return this.answer();
  }

  send(type: string): void {
    this.sent.push(type);
  }

  receive(sample: ServerMessageOf<'console-sample'>): void {
    for (const handler of this.handlers) handler(sample);
  }
}

function renderPage(client: FakeClient, username = 'dave') {
  return render(
    <PulseClientContext value={client as unknown as PulseClient}>
      <AdminConsolePage
        tokens={{ currentAccessToken: async () => 'token', getTicket: async () => 'ticket' }}
        username={username}
      />
    </PulseClientContext>,
  );
}

describe('AdminConsolePage', () => {
  it('says clearly that the console is for admins when the server refuses the watch', async () => {
    const client = new FakeClient(() =>
      Promise.reject(new PulseRequestError(ErrorCode.FORBIDDEN, 'not allowed')),
    );
    renderPage(client, 'bob');
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The console is for admins. You are signed in as bob, who does not have the admin role.',
    );
    expect(screen.queryAllByRole('img')).toEqual([]);
  });

  it('watches, then draws the samples it gets and updates the charts with each, and unwatches when closed', async () => {
    const client = new FakeClient(() => Promise.resolve({ type: 'ack', id: '1' }));
    const view = renderPage(client);
    await screen.findByRole('heading', { name: "Operator's console" });
    expect(client.sent).toEqual(['console-watch']);
    const now = Date.now();
    act(() =>
      client.receive(
        sampleOf('node-a', now - 1000, { messagesInPerSecond: 4, rooms: [{ name: 'lobby', members: 2 }] }),
      ),
    );
    expect(screen.getByRole('img', { name: /^Messages per second: in 4\/s, out 0\/s$/ })).toBeTruthy();
    act(() =>
      client.receive(
        sampleOf('node-a', now, { messagesInPerSecond: 9, connections: { ws: 3, 'socket.io': 1 } }),
      ),
    );
    expect(screen.getByRole('img', { name: /^Messages per second: in 9\/s/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Connections by transport: ws 3, socket.io 1' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'node-a' })).toBeTruthy();
    view.unmount();
    expect(client.sent).toEqual(['console-watch', 'console-unwatch']);
  });
});
