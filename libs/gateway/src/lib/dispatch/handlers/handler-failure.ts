import type { ServerMessageOf } from '@pulse/protocol';

/**
 * What a compiled handler gives back, instead of a result, when its message failed: a guard refused it, a pipe,
 * interceptor or the method threw or rejected, or its Observable errored. The exception filters have run; the
 * dispatcher turns this into the message's outcome (an `error` frame, no `ack`, the id released).
 */
export class HandlerFailure {
  constructor(
    readonly exception: unknown,
    /** Whether one of the handler's exception filters (Pulse's or a team's own) took the exception. */
    readonly caught: boolean,
    /** The answer a filter gave through `answerFailure`, if one did. */
    readonly answer: ServerMessageOf<'error'> | undefined,
  ) {}
}
