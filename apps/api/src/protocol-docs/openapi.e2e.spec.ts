import { startTestApp, type TestApp } from '../testing/test-app';

describe('OpenAPI for the HTTP endpoints', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(() => api.close());

  it('describes every HTTP route at /docs/openapi.json and serves the UI at /docs', async () => {
    const document = (await (await fetch(`${api.httpUrl}/docs/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of ['/auth/login', '/auth/ticket', '/healthz', '/readyz', '/metrics', '/asyncapi.json', '/rooms']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const ui = await fetch(`${api.httpUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
