import { ConnectionRegistry, NodeLiveness, type RoomsService } from '@pulse/gateway';
import { GamePresenceRefresher } from './game-presence.refresher';
import type { GameRoomStore } from './game-room.store';

const rooms = {
  localRooms: () => ['r1'],
  localMembers: () => new Set([{ id: 'conn-a' }, { id: 'conn-b' }]),
} as unknown as RoomsService;

function storeWith(presenceExpires: boolean) {
  const refresh = jest.fn(async () => undefined);
  const reapExpired = jest.fn(async () => undefined);
  return {
    store: { presenceExpires, refresh, reapExpired } as unknown as GameRoomStore,
    refresh,
    reapExpired,
  };
}

describe('GamePresenceRefresher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("refreshes this node's connections and reaps each interval when presence expires", async () => {
    const { store, refresh, reapExpired } = storeWith(true);
    const refresher = new GamePresenceRefresher(
      rooms,
      store,
      1000,
      new NodeLiveness(null, new ConnectionRegistry()),
    );
    refresher.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledWith([
      { room: 'r1', connectionId: 'conn-a' },
      { room: 'r1', connectionId: 'conn-b' },
    ]);
    expect(reapExpired).toHaveBeenCalledTimes(1);
    refresher.onApplicationShutdown();
  });

  it('does not run for a store whose presence does not expire (in memory)', async () => {
    const { store, refresh, reapExpired } = storeWith(false);
    const refresher = new GamePresenceRefresher(
      rooms,
      store,
      1000,
      new NodeLiveness(null, new ConnectionRegistry()),
    );
    refresher.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(5000);
    expect(refresh).not.toHaveBeenCalled();
    expect(reapExpired).not.toHaveBeenCalled();
    refresher.onApplicationShutdown();
  });
});
