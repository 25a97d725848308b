/** A member as membership needs it: a connection id and the user behind it. */
export interface Member {
  readonly id: string;
  readonly user: { readonly id: string };
}

export interface JoinOutcome {
  /** The connection was already in the room; nothing changed. */
  readonly alreadyMember: boolean;
  /** This is the user's first connection in the room: the user just came online there. */
  readonly firstForUser: boolean;
}

export interface LeaveOutcome {
  readonly wasMember: boolean;
  /** That was the user's last connection in the room: the user just went offline there. */
  readonly lastForUser: boolean;
}

interface Room<M extends Member, S> {
  readonly members: Map<M, S>;
  readonly connectionsPerUser: Map<string, number>;
}

const NO_MEMBERS: ReadonlyMap<unknown, unknown> = new Map<unknown, unknown>();

/**
 * Which connections are in which rooms, with a state per member and room (`S`, what delivery needs), and how many
 * connections each user has in each room.
 */
export class RoomMembership<M extends Member, S = true> {
  private readonly rooms = new Map<string, Room<M, S>>();

  /** `state` is the new member's state; an existing member keeps its own. */
  join(member: M, roomName: string, state: S = true as S): JoinOutcome {
    let room = this.rooms.get(roomName);
    if (!room) {
      room = { members: new Map(), connectionsPerUser: new Map() };
      this.rooms.set(roomName, room);
    }
    if (room.members.has(member)) return { alreadyMember: true, firstForUser: false };
    room.members.set(member, state);
    const count = room.connectionsPerUser.get(member.user.id) ?? 0;
    room.connectionsPerUser.set(member.user.id, count + 1);
    return { alreadyMember: false, firstForUser: count === 0 };
  }

  leave(member: M, roomName: string): LeaveOutcome {
    const room = this.rooms.get(roomName);
    if (!room || !room.members.delete(member)) return { wasMember: false, lastForUser: false };
    const count = (room.connectionsPerUser.get(member.user.id) ?? 1) - 1;
    if (count > 0) room.connectionsPerUser.set(member.user.id, count);
    else room.connectionsPerUser.delete(member.user.id);
    if (room.members.size === 0) this.rooms.delete(roomName);
    return { wasMember: true, lastForUser: count === 0 };
  }

  isMember(member: M, roomName: string): boolean {
    return this.rooms.get(roomName)?.members.has(member) ?? false;
  }

  /** The room's members with their states. */
  members(roomName: string): ReadonlyMap<M, S> {
    return this.rooms.get(roomName)?.members ?? (NO_MEMBERS as ReadonlyMap<M, S>);
  }

  stateOf(member: M, roomName: string): S | undefined {
    return this.rooms.get(roomName)?.members.get(member);
  }

  /** Users with at least one connection in the room. */
  onlineUsers(roomName: string): string[] {
    return [...(this.rooms.get(roomName)?.connectionsPerUser.keys() ?? [])];
  }

  roomNames(): string[] {
    return [...this.rooms.keys()];
  }
}
