import { startTestApp, type TestApp } from '../testing/test-app';

const secret = 'security-headers-spec-secret-of-40-chars!';

/** `script-src 'self'; ...` as a map of directive to its sources. */
function directives(header: string | null): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map[name] = sources;
  }
  return map;
}

describe('security headers (helmet)', () => {
  describe('outside production', () => {
    let api: TestApp;

    beforeAll(async () => {
      api = await startTestApp();
    });

    afterAll(() => api.close());

    it.each(['/healthz', '/asyncapi.json', '/no-such-page'])(
      'sends a strict CSP and the usual headers on %s',
      async (path) => {
        const response = await fetch(`${api.httpUrl}${path}`);
        const csp = directives(response.headers.get('content-security-policy'));
        expect(csp).toMatchObject({
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
        });
        expect(response.headers.get('content-security-policy')).not.toMatch(
          /unsafe-eval|upgrade-insecure-requests/,
        );
        expect(csp['script-src']).toEqual(["'self'"]);
        expect({
          hsts: response.headers.get('strict-transport-security'),
          nosniff: response.headers.get('x-content-type-options'),
          frame: response.headers.get('x-frame-options'),
          referrer: response.headers.get('referrer-policy'),
          opener: response.headers.get('cross-origin-opener-policy'),
          resource: response.headers.get('cross-origin-resource-policy'),
          poweredBy: response.headers.get('x-powered-by'),
        }).toEqual({
          hsts: expect.stringMatching(/^max-age=\d{7,}; includeSubDomains$/),
          nosniff: 'nosniff',
          frame: 'SAMEORIGIN',
          referrer: 'no-referrer',
          opener: 'same-origin',
          resource: 'same-origin',
          poweredBy: null,
        });
      },
    );

    it('serves Swagger UI at /docs under the same policy: inline styles allowed, scripts strict', async () => {
      const response = await fetch(`${api.httpUrl}/docs`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('swagger-ui');
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-eval/);
    });
  });

  describe('in production', () => {
    it('does not serve /docs nor its OpenAPI document', async () => {
      const api = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: secret });
      try {
        expect((await fetch(`${api.httpUrl}/docs`)).status).toBe(404);
        expect((await fetch(`${api.httpUrl}/docs/openapi.json`)).status).toBe(404);
        expect((await fetch(`${api.httpUrl}/healthz`)).status).toBe(200);
      } finally {
        await api.close();
      }
    });

    it('serves /docs when API_DOCS=true', async () => {
      const api = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: secret, API_DOCS: 'true' });
      try {
        expect((await fetch(`${api.httpUrl}/docs`)).status).toBe(200);
        expect((await fetch(`${api.httpUrl}/docs/openapi.json`)).status).toBe(200);
      } finally {
        await api.close();
      }
    });
  });
});
