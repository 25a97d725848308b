import type { LoggerService } from '@nestjs/common';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';

/**
 * nestjs-pino's `PinoLogger`, held to one pino instance. Its own `LoggerModule` finds the logger through an
 * AsyncLocalStorage entered per HTTP request, which on Node 20 taxes every promise in the process, the socket
 * message path included; and it keeps one logger per process, where tests build several apps.
 */
class BoundPinoLogger extends PinoLogger {
  constructor(private readonly bound: Pino) {
    super({ pinoHttp: { logger: bound }, useExisting: true });
  }

  override get logger(): Pino {
    return this.bound;
  }
}

/** Nest's `LoggerService` over `logger`: `log` is info, `verbose` trace, the Nest context a `context` field. */
export function nestLoggerOver(logger: Pino): LoggerService {
  return new Logger(new BoundPinoLogger(logger), {});
}
