/** What a handler returns to have its message acknowledged with the room `seq` the message got. */
export class Acknowledgement {
  constructor(readonly seq: number | undefined) {}
}

/** `return acknowledge(seq)` from a handler: the `ack` for a message with an `id` carries that seq. */
export function acknowledge(seq: number | null | undefined): Acknowledgement {
  return new Acknowledgement(seq ?? undefined);
}
