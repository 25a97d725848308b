import { REFRESH_COOKIE } from '@pulse/protocol';
import { parse, serialize } from 'cookie';
import { nodeResponseOf, requestHostname, type HttpRequest, type HttpResponse } from './node-http';

/** Hosts a browser reaches over plain http during development; everywhere else the cookie is `Secure`. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The refresh token the browser sent, if any. */
export function readRefreshCookie(request: HttpRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[REFRESH_COOKIE.name];
  return value ? value : undefined;
}

/** Sets `pulse_refresh`: HttpOnly (no script reads it), SameSite=Strict, only sent to `/auth`, Secure outside localhost. */
export function setRefreshCookie(
  request: HttpRequest,
  response: HttpResponse,
  token: string,
  maxAgeSeconds: number,
): void {
  const node = nodeResponseOf(response);
  node.appendHeader(
    'Set-Cookie',
    serialize(REFRESH_COOKIE.name, token, { ...attributes(request), maxAge: maxAgeSeconds }),
  );
  node.setHeader('Cache-Control', 'no-store');
}

/** Tells the browser to forget `pulse_refresh`. */
export function clearRefreshCookie(request: HttpRequest, response: HttpResponse): void {
  nodeResponseOf(response).appendHeader(
    'Set-Cookie',
    serialize(REFRESH_COOKIE.name, '', { ...attributes(request), maxAge: 0, expires: new Date(0) }),
  );
}

function attributes(request: HttpRequest) {
  const hostname = requestHostname(request);
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: REFRESH_COOKIE.path,
    secure: hostname === undefined || !LOCAL_HOSTS.has(hostname),
  };
}
