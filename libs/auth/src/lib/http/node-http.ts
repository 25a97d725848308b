import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/**
 * The request a controller gets under either of Nest's HTTP adapters: Express' is Node's own request, Fastify's
 * wraps it; both carry the Node headers as `headers`.
 */
export interface HttpRequest {
  readonly headers: IncomingHttpHeaders;
}

/** The response under either adapter: Express' is Node's own response, Fastify's reply wraps it as `raw`. */
export type HttpResponse = ServerResponse | { readonly raw: ServerResponse; hijack(): unknown };

/**
 * The Node response under `response`, for headers the adapter then sends with its own answer: both write the
 * headers set on it (Fastify merges its own over them; these names are ones it never sets).
 */
export function nodeResponseOf(response: HttpResponse): ServerResponse {
  return 'raw' in response ? response.raw : response;
}

/** The Node response under `response`, taken over from Fastify first so that only the caller writes the answer. */
export function takeOverResponse(response: HttpResponse): ServerResponse {
  if (!('raw' in response)) return response;
  response.hijack();
  return response.raw;
}

/**
 * The host the request was sent to, without its port (`[::1]` keeps its brackets): what Express' `request.hostname`
 * gives with `trust proxy` off, read from the `Host` header alone so that it is the same under Fastify.
 */
export function requestHostname(request: HttpRequest): string | undefined {
  const host = request.headers.host;
  if (!host) return undefined;
  const offset = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  const colon = host.indexOf(':', offset);
  return colon === -1 ? host : host.slice(0, colon);
}
