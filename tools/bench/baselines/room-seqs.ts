/** A per-room sequence number, grown by one per relayed move (Pulse stamps its moves the same way). */
export class RoomSeqs {
  private readonly seqs = new Map<string, number>();

  next(room: string): number {
    const seq = (this.seqs.get(room) ?? 0) + 1;
    this.seqs.set(room, seq);
    return seq;
  }
}
