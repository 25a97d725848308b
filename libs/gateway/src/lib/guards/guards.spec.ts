import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedUser } from '@pulse/auth';
import { attachConnection } from '../connection/connection-of';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { MessageContext } from '../dispatch/handlers/message-context';
import { ProtocolException } from '../errors/protocol.exception';
import { RolePrefixRoomPolicy } from './role-prefix-room.policy';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';
import { RoomPolicyGuard } from './room-policy.guard';

const alice: AuthenticatedUser = { id: 'alice', name: 'Alice', roles: [] };
const dave: AuthenticatedUser = { id: 'dave', name: 'Dave', roles: ['admin'] };

class AdminGateway {
  @Roles('admin')
  wipe(): void {
    return undefined;
  }

  open(): void {
    return undefined;
  }
}

function wsContext(
  user: AuthenticatedUser,
  message: object,
  handler: () => void = AdminGateway.prototype.open,
) {
  const socket = {};
  attachConnection(socket, { user } as RealtimeConnection);
  return new MessageContext([socket, message, 'test'], AdminGateway, handler);
}

/** What a guard sees on an HTTP route: the request (with its user), the response and `next`. */
function httpContext(user: AuthenticatedUser | undefined, handler: () => void): ExecutionContext {
  const context = new MessageContext([{ user }, {}, () => undefined], AdminGateway, handler);
  return Object.assign(Object.create(context) as ExecutionContext, { getType: () => 'http' });
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets a socket message through only for a user with one of the roles', () => {
    expect(guard.canActivate(wsContext(alice, { type: 'ping' }, AdminGateway.prototype.wipe))).toBe(false);
    expect(guard.canActivate(wsContext(dave, { type: 'ping' }, AdminGateway.prototype.wipe))).toBe(true);
  });

  it('works the same over HTTP, where the user comes from the request', () => {
    expect(guard.canActivate(httpContext(alice, AdminGateway.prototype.wipe))).toBe(false);
    expect(guard.canActivate(httpContext(undefined, AdminGateway.prototype.wipe))).toBe(false);
    expect(guard.canActivate(httpContext(dave, AdminGateway.prototype.wipe))).toBe(true);
  });

  it('lets anything through on a handler without @Roles', () => {
    expect(guard.canActivate(wsContext(alice, { type: 'ping' }))).toBe(true);
  });
});

describe('RoomPolicyGuard with the demo policy (admin:* needs admin)', () => {
  const guard = new RoomPolicyGuard(new RolePrefixRoomPolicy([{ prefix: 'admin:', role: 'admin' }]));
  /** As Nest's guard consumer calls it: a synchronous throw is a rejection. */
  const decide = (context: Parameters<RoomPolicyGuard['canActivate']>[0]) =>
    Promise.resolve().then(() => guard.canActivate(context));

  it('refuses a join of admin:lobby without the role with FORBIDDEN', async () => {
    await expect(decide(wsContext(alice, { type: 'join', room: 'admin:lobby' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(decide(wsContext(alice, { type: 'join', room: 'admin:lobby' }))).rejects.toBeInstanceOf(
      ProtocolException,
    );
  });

  it('refuses publishing to admin:lobby without the role, and lets an admin do both', async () => {
    await expect(
      decide(wsContext(alice, { type: 'move', room: 'admin:lobby', x: 1, y: 1 })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(decide(wsContext(dave, { type: 'join', room: 'admin:lobby' }))).resolves.toBe(true);
    await expect(decide(wsContext(dave, { type: 'move', room: 'admin:lobby', x: 1, y: 1 }))).resolves.toBe(
      true,
    );
  });

  it('leaves other rooms, messages without a room, and leaving alone', async () => {
    await expect(decide(wsContext(alice, { type: 'join', room: 'lobby' }))).resolves.toBe(true);
    await expect(decide(wsContext(alice, { type: 'join', room: 'lobby:admin:' }))).resolves.toBe(true);
    await expect(decide(wsContext(alice, { type: 'ping', t: 1 }))).resolves.toBe(true);
    await expect(decide(wsContext(alice, { type: 'leave', room: 'admin:lobby' }))).resolves.toBe(true);
  });

  it('asks an async policy with the message type', async () => {
    const asked: string[] = [];
    const policy = {
      canJoin: async () => true,
      canPublish: async (_user: AuthenticatedUser, room: string, type: string) => {
        asked.push(`${type}@${room}`);
        return type !== 'chat';
      },
    };
    const custom = new RoomPolicyGuard(policy);
    await expect(custom.canActivate(wsContext(alice, { type: 'chat', room: 'r' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(custom.canActivate(wsContext(alice, { type: 'move', room: 'r' }))).resolves.toBe(true);
    expect(asked).toEqual(['chat@r', 'move@r']);
  });
});
