import { fireEvent, render, screen } from '@testing-library/react';
import { RoomList } from './room-list';

describe('RoomList', () => {
  it('lists rooms with their player counts and joins the one chosen', () => {
    const onJoin = jest.fn<void, [string]>();
    render(
      <RoomList
        rooms={[
          { name: 'arena', online: 3 },
          { name: 'den', online: 1 },
        ]}
        error={null}
        onJoin={onJoin}
      />,
    );
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'arena3 players onlineJoin',
      'den1 player onlineJoin',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Join den, 1 player online' }));
    expect(onJoin).toHaveBeenCalledWith('den');
  });

  it('says when it is loading, when nobody plays, and when a refresh failed while keeping the last list', () => {
    const { rerender } = render(<RoomList rooms={undefined} error={null} onJoin={() => undefined} />);
    expect(screen.getByText('Loading rooms…')).toBeTruthy();
    rerender(<RoomList rooms={[]} error={null} onJoin={() => undefined} />);
    expect(screen.getByText(/Nobody is playing right now/)).toBeTruthy();
    rerender(
      <RoomList
        rooms={[{ name: 'arena', online: 2 }]}
        error="server answered 503"
        onJoin={() => undefined}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Could not refresh the room list (server answered 503); retrying.',
    );
    expect(screen.getByRole('button', { name: /Join arena/ })).toBeTruthy();
  });

  it('offers an invite link in the empty lobby, copied to the clipboard, or shown when the clipboard is refused', async () => {
    const writeText = jest
      .fn<Promise<void>, [string]>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<RoomList rooms={[]} error={null} onJoin={() => undefined} />);
    const invite = screen.getByRole('button', { name: 'Copy an invite link to “lobby”' });
    fireEvent.click(invite);
    expect(await screen.findByText('Copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/rooms/lobby`);
    fireEvent.click(invite);
    expect((await screen.findByRole('link')).getAttribute('href')).toBe(
      `${window.location.origin}/rooms/lobby`,
    );
  });
});
