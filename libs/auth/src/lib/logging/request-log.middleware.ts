import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pathOf } from './redact';

/**
 * One `debug` line per HTTP request: method, path without its query string, status and duration. Never headers
 * (`Authorization`), bodies (passwords) or queries (tickets).
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly log = new Logger('Http');

  use(request: Request, response: Response, next: NextFunction): void {
    const started = performance.now();
    response.once('finish', () => {
      const ms = Math.round(performance.now() - started);
      this.log.debug(`${request.method} ${pathOf(request.originalUrl)} ${response.statusCode} ${ms}ms`);
    });
    next();
  }
}
