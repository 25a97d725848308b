import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';

/**
 * An interceptor known to be synchronous: it does its work before the handler, in `beforeHandle`, and never
 * touches the result. Through Nest's own path it is a normal interceptor (`intercept` is `beforeHandle` then
 * `next.handle()`); Pulse's compiled handlers call `beforeHandle` directly, so it costs no promise and no
 * Observable per message. Extend it to keep that speed; any other `NestInterceptor` works too, on the slower path.
 */
export abstract class BeforeHandleInterceptor implements NestInterceptor {
  /** Runs before the handler, after the guards; may throw (the message then fails like any other). */
  abstract beforeHandle(context: ExecutionContext): void;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.beforeHandle(context);
    return next.handle();
  }
}

export function isBeforeHandle(interceptor: NestInterceptor): interceptor is BeforeHandleInterceptor {
  return (
    interceptor instanceof BeforeHandleInterceptor &&
    interceptor.intercept === BeforeHandleInterceptor.prototype.intercept
  );
}
