import type { DrainService } from '@pulse/gateway';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * While the node drains, every HTTP answer says `Connection: close`, so clients stop reusing keep-alive
 * connections to a process that is about to exit (a request sent on one as it exits is reset, not answered).
 */
export function closeWhileDraining(
  drain: Pick<DrainService, 'draining'>,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (_request, response, next) => {
    if (drain.draining) response.setHeader('Connection', 'close');
    next();
  };
}
