import type { DrainService } from '@pulse/gateway';
import type { NextFunction, Request, Response } from 'express';

/**
 * While the node drains, every HTTP answer says `Connection: close`, so clients stop reusing keep-alive
 * connections to a process that is about to exit (a request sent on one as it exits is reset, not answered).
 */
export function closeWhileDraining(
  drain: Pick<DrainService, 'draining'>,
): (request: Request, response: Response, next: NextFunction) => void {
  return (_request, response, next) => {
    if (drain.draining) response.setHeader('Connection', 'close');
    next();
  };
}
