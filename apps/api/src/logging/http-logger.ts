import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { pathOf, redactUrl, scrubText } from './redact';
import { requestIdFor } from './request-id';

/** Headers that carry credentials: never logged, not even censored. The others are scrubbed (a Referer's query). */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** Polled every few seconds by balancers and Prometheus: logged at debug. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
/**
 * One per socket connect: a successful ticket is routine and logged at debug (at info it cost ~17% of server CPU in
 * the connect-storm bench); a refused one is still a warning.
 */
const ROUTINE_WHEN_OK = new Set(['/auth/ticket']);

function targetOf(request: IncomingMessage): string | undefined {
  return (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url;
}

/** The request as logged: no credential headers, other headers scrubbed, no query values. */
function serializeRequest(request: IncomingMessage, id: string) {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SECRET_HEADERS.has(name)) headers[name] = typeof value === 'string' ? scrubText(value) : value;
  }
  return {
    id,
    method: request.method,
    url: redactUrl(targetOf(request) ?? '/'),
    remoteAddress: request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
    headers,
  };
}

function levelOf(request: IncomingMessage, response: ServerResponse, aborted: boolean): Level {
  if (PROBES.has(pathOf(targetOf(request)))) return 'debug';
  if (aborted || response.statusCode >= 500) return 'error';
  if (response.statusCode >= 400) return 'warn';
  return ROUTINE_WHEN_OK.has(pathOf(targetOf(request))) ? 'debug' : 'info';
}

function summaryOf(request: IncomingMessage, response: ServerResponse, aborted: boolean): string {
  return `${request.method ?? '?'} ${pathOf(targetOf(request))} ${aborted ? 'aborted' : String(response.statusCode)}`;
}

type LoggedRequest = IncomingMessage & { id?: string; log?: Logger };
type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * Express middleware logging one line per HTTP request when it ends (`GET /healthz 200`, with `reqId`, the request
 * without its credentials or query values, the status and `responseTime`), and giving `req.log`, a child logger
 * bound to `reqId` made on first use. Nothing is serialised for a line whose level is off: one request per socket
 * connect (the ticket) must stay cheap.
 */
export function httpLogger(logger: Logger): Middleware {
  return (incoming, response, next) => {
    const request = incoming as LoggedRequest;
    const id = requestIdFor(request, response);
    const started = performance.now();
    request.id = id;
    let child: Logger | undefined;
    Object.defineProperty(request, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (child ??= logger.child({ reqId: id })),
    });
    const done = (): void => {
      response.off('finish', done);
      response.off('close', done);
      const aborted = !response.writableFinished;
      const level = levelOf(request, response, aborted);
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        reqId: id,
        req: serializeRequest(request, id),
        res: { statusCode: response.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      logger[level](line, summaryOf(request, response, aborted));
    };
    response.on('finish', done);
    response.on('close', done);
    next();
  };
}
