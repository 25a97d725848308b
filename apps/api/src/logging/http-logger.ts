import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
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

/** The request as pino-http's standard serializer hands it over. */
interface SerializedRequest {
  readonly id: unknown;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress?: string;
  readonly remotePort?: number;
}

function targetOf(request: IncomingMessage): string | undefined {
  return (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url;
}

function serializeRequest(request: SerializedRequest) {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SECRET_HEADERS.has(name)) headers[name] = typeof value === 'string' ? scrubText(value) : value;
  }
  return {
    id: request.id,
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.remoteAddress,
    remotePort: request.remotePort,
    headers,
  };
}

function levelOf(request: IncomingMessage, response: ServerResponse, error?: Error): Level {
  if (PROBES.has(pathOf(targetOf(request)))) return 'debug';
  if (error || response.statusCode >= 500) return 'error';
  if (response.statusCode >= 400) return 'warn';
  return ROUTINE_WHEN_OK.has(pathOf(targetOf(request))) ? 'debug' : 'info';
}

function summaryOf(request: IncomingMessage, response: ServerResponse): string {
  const outcome = response.writableEnded ? String(response.statusCode) : 'aborted';
  return `${request.method ?? '?'} ${pathOf(targetOf(request))} ${outcome}`;
}

/**
 * Express middleware logging one line per HTTP request (`GET /healthz 200`, with `reqId`, the request without its
 * credentials or query values, the status and `responseTime`) and giving `req.log` a child bound to `reqId`.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdFor,
    quietReqLogger: true,
    serializers: { req: serializeRequest, res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }) },
    customLogLevel: levelOf,
    customSuccessMessage: summaryOf,
    customErrorMessage: summaryOf,
  });
}
