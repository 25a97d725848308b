/** Room membership as a hand-written relay would keep it. */
export class RelayRooms<M> {
  private readonly members = new Map<string, Set<M>>();

  join(room: string, member: M): void {
    let set = this.members.get(room);
    if (!set) this.members.set(room, (set = new Set()));
    set.add(member);
  }

  leave(room: string, member: M): void {
    const set = this.members.get(room);
    if (!set) return;
    set.delete(member);
    if (set.size === 0) this.members.delete(room);
  }

  has(room: string, member: M): boolean {
    return this.members.get(room)?.has(member) ?? false;
  }

  membersOf(room: string): ReadonlySet<M> {
    return this.members.get(room) ?? new Set();
  }
}
