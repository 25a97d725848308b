import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { connectionOf } from '../connection/connection-of';

/** Counts every inbound message as a sign of life, so busy sockets never wait on a pong. */
@Injectable()
export class LivenessInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    connectionOf(context.switchToWs().getClient())?.markAlive();
    return next.handle();
  }
}
