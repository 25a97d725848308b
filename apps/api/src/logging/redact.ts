/** What a secret is replaced with in a log line. */
export const REDACTED = '[REDACTED]';

/**
 * Fields pino censors in any object logged (its redact paths: one level of nesting per `*`). Request headers are
 * dropped before this, by the request serializer; these catch secrets that code passes along as fields.
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'jwtSecret',
  '*.jwtSecret',
  'ticket',
  '*.ticket',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

// A JWT: base64url of `{"` then two more dot-separated segments (the signature may be empty).
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// The value of a query parameter, whatever its name: tickets ride in `?ticket=`, and nothing else needs logging.
const QUERY_VALUE = /([?&][^?&=#\s"']*=)[^&#\s"']*/g;
// `ticket=...` and the like outside a query string (a message that quotes a credential).
const SECRET_PAIR = /(\b(?:ticket|token|access_token|id_token|refresh_token|password|secret)=)[^&#\s"',]*/gi;
const BEARER = /(bearer\s+)[^\s"',]+/gi;
// `scheme://user:password@` in a URL (a REDIS_URL, a JWKS URL).
const URL_CREDENTIALS = /(\b[a-z][a-z\d+.-]*:\/\/)[^\s/?#@"']+@/gi;

/** Text with JWTs, bearer credentials, query values, `ticket=` pairs and URL credentials replaced by `[REDACTED]`. */
export function scrubText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(QUERY_VALUE, `$1${REDACTED}`)
    .replace(SECRET_PAIR, `$1${REDACTED}`)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/** A request target as logs may show it: the path, and the query's names with every value replaced. */
export function redactUrl(url: string | undefined): string {
  return scrubText(url || '/');
}

/** A request target without its query string or fragment, for a message. */
export function pathOf(url: string | undefined): string {
  const target = url || '/';
  const end = target.search(/[?#]/);
  return scrubText(end === -1 ? target : target.slice(0, end));
}
