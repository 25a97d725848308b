import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DOCS_CSP, STRICT_CSP, type CspDirectives } from './content-security-policy';

type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** The path prefix of Swagger UI and its OpenAPI document. */
export const DOCS_PATH = '/docs';

function headersWith(directives: CspDirectives): Middleware {
  return helmet({
    // useDefaults: false, so no directive is added that this policy did not choose (helmet's defaults allow inline
    // styles and add upgrade-insecure-requests, which breaks a plain-http deployment behind a TLS proxy).
    contentSecurityPolicy: { useDefaults: false, directives },
    // The web app and its sockets are same-origin; nothing of ours is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

function pathOf(url: string | undefined): string {
  const target = url ?? '/';
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

/**
 * Security headers on every HTTP response (helmet, on Node's request and response): a strict
 * Content-Security-Policy, HSTS, nosniff, frame and referrer policies, cross-origin isolation of the opener. `/docs`
 * gets the same with inline styles allowed, and only when the docs are served at all.
 */
export function securityHeaders(options: { readonly docs: boolean }): Middleware {
  const strict = headersWith(STRICT_CSP);
  const docs = headersWith(DOCS_CSP);
  return (request, response, next) => {
    const path = pathOf(request.url);
    const underDocs = path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
    (options.docs && underDocs ? docs : strict)(request, response, next);
  };
}
