import { render, screen, within } from '@testing-library/react';
import { ClusterNodesPanel } from './cluster-nodes-panel';

const NOW = Date.parse('2026-12-03T18:30:10.000Z');

describe('ClusterNodesPanel', () => {
  it('shows a row per live node: address, id, start, connections and how long ago it was seen', () => {
    render(
      <ClusterNodesPanel
        now={NOW}
        outcome={{
          ok: true,
          nodes: [
            {
              id: 'n-a',
              address: 'host-a:3000',
              startedAt: '2026-12-03T18:00:00.000Z',
              connections: 1234,
              lastSeenAt: '2026-12-03T18:30:09.800Z',
            },
            {
              id: 'n-b',
              address: 'host-b:3000',
              startedAt: '2026-12-03T18:10:00.000Z',
              connections: 0,
              lastSeenAt: '2026-12-03T18:30:07.000Z',
            },
          ],
        }}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'host-a:3000',
      'host-b:3000',
    ]);
    expect(rows[0]?.textContent).toContain('n-a');
    expect(rows[0]?.textContent).toContain('2026-12-03 18:00:00 UTC');
    expect(rows[0]?.textContent).toContain('just now');
    expect(rows[1]?.textContent).toContain('3 s ago');
  });

  it('says so while it waits, and when the list could not be had', () => {
    const { rerender } = render(<ClusterNodesPanel now={NOW} outcome={null} />);
    expect(screen.getByText('Asking for the node list…')).toBeTruthy();
    rerender(
      <ClusterNodesPanel now={NOW} outcome={{ ok: false, message: 'Only admins may list the nodes.' }} />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Only admins may list the nodes.');
  });
});
