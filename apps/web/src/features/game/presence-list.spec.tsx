import { render, screen } from '@testing-library/react';
import { playerColour } from './player-colour';
import { PresenceList } from './presence-list';
import type { Player } from '../../realtime/room.reducer';

const players: Player[] = [
  { id: 'alice', name: 'Alice', x: 0, y: 0, online: true },
  { id: 'bob', name: 'Bob', x: 1, y: 1, online: false },
];

describe('PresenceList', () => {
  it('says who is online and offline in words, each player in their board colour', () => {
    render(<PresenceList players={players} selfId="alice" />);
    expect(screen.getByRole('heading').textContent).toBe('Players (1 online)');
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['Alice (you), online', 'Bob, offline']);
    expect(items.map((item) => item.style.getPropertyValue('--player-colour'))).toEqual([
      playerColour('alice'),
      playerColour('bob'),
    ]);
  });

  it('shows everyone as unknown, not online, while this tab is cut off', () => {
    render(<PresenceList players={players} selfId="alice" linkUp={false} />);
    expect(screen.getByRole('heading').textContent).toBe('Players (status unknown while reconnecting)');
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['Alice (you), unknown', 'Bob, unknown']);
    expect(items.map((item) => item.className)).toEqual(['is-unknown', 'is-unknown']);
  });
});
