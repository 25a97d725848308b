import { render, screen, within } from '@testing-library/react';
import { NodesPanel } from './nodes-panel';
import { RoomsPanel } from './rooms-panel';
import { sampleOf } from './console-sample.fixture';

describe('NodesPanel', () => {
  it('shows a row per node with its connections, rooms, rates and Redis state', () => {
    render(
      <NodesPanel
        nodes={[
          {
            node: 'a',
            silent: false,
            latest: sampleOf('a', 1, {
              connections: { ws: 3, 'socket.io': 2 },
              roomCount: 2,
              memberCount: 4,
              messagesInPerSecond: 12.34,
              redis: { up: true, lagSeconds: 0.0004 },
            }),
          },
          { node: 'b', silent: true, latest: sampleOf('b', 1, { redis: { up: false, lagSeconds: null } }) },
          { node: 'c', silent: false, latest: sampleOf('c', 1) },
          { node: 'd', silent: false, latest: null },
        ]}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['a', 'b', 'c', 'd']);
    expect(rows[0].textContent).toContain('reporting');
    expect(rows[0].textContent).toContain('3 ws, 2 Socket.IO');
    expect(rows[0].textContent).toContain('2 (4 members)');
    expect(rows[0].textContent).toContain('12.3/s');
    expect(rows[0].textContent).toContain('up, lag 400 µs');
    expect(rows[1].textContent).toContain('silent');
    expect(rows[1].textContent).toContain('down');
    expect(rows[2].textContent).toContain('not used');
    // a node known only from the cluster's liveness records
    expect(rows[3].textContent).toContain('no figures from this node');
  });

  it('says so when no node has reported', () => {
    render(<NodesPanel nodes={[]} />);
    expect(screen.getByText('No node has reported yet.')).toBeTruthy();
  });
});

describe('RoomsPanel', () => {
  it('lists the rooms with their members and nodes', () => {
    render(<RoomsPanel rooms={[{ name: 'lobby', members: 5, nodes: 2 }]} />);
    expect(screen.getAllByRole('row')[1].textContent).toBe('lobby52');
  });
});
