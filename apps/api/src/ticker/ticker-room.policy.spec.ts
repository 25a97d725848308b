import type { AuthenticatedUser } from '@pulse/auth';
import { RolePrefixRoomPolicy } from '@pulse/gateway';
import { TickerRoomPolicy } from './ticker-room.policy';

const user = (roles: string[] = []): AuthenticatedUser => ({ id: 'alice', name: 'Alice', roles });

describe('TickerRoomPolicy', () => {
  const policy = new TickerRoomPolicy(new RolePrefixRoomPolicy([{ prefix: 'admin:', role: 'admin' }]));

  it('refuses joining and publishing in ticker rooms to everyone', () => {
    expect(policy.canJoin(user(['admin']), 'ticker:ACME')).toBe(false);
    expect(policy.canPublish(user(['admin']), 'ticker:ACME', 'chat')).toBe(false);
  });

  it('leaves every other room to the inner policy', () => {
    expect(policy.canJoin(user(), 'lobby')).toBe(true);
    expect(policy.canPublish(user(), 'lobby', 'move')).toBe(true);
    expect(policy.canJoin(user(), 'admin:ops')).toBe(false);
    expect(policy.canJoin(user(['admin']), 'admin:ops')).toBe(true);
  });
});
