/** Helmet's `contentSecurityPolicy.directives`: a name, then its sources (helmet writes `default-src 'self'; ...`). */
export type CspDirectives = Record<string, string[]>;

/**
 * The policy every response carries: scripts, sockets and images from this origin only, no `eval`, no inline script,
 * no plugins, no framing. The web app is built for it (the protocol checks messages without `new Function`; Vite
 * emits external files only), and the browser tests fail on any violation. Styles may be inline: the Notes editor
 * (CodeMirror 6 with y-codemirror.next) writes `<style>` rules and `style` attributes for its layout and each
 * user's caret; a style cannot run code, and scripts stay strict.
 */
export const STRICT_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'"],
};

/** Swagger UI's page (only under `/docs`, only when `API_DOCS` is on): the same policy; its inline styles are allowed by it. */
export const DOCS_CSP: CspDirectives = { ...STRICT_CSP };
