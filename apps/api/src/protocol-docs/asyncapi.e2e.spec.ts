import { clientMessageTypes, serverMessageTypes } from '@pulse/protocol';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('GET /asyncapi.json', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(() => api.close());

  it('serves an AsyncAPI 3.0 document that names every message of the registry', async () => {
    const response = await fetch(`${api.httpUrl}/asyncapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as { asyncapi: string; components: { messages: Record<string, { name: string }> } };
    expect(document.asyncapi).toBe('3.0.0');
    const names = Object.values(document.components.messages).map((message) => message.name);
    for (const type of [...clientMessageTypes, ...serverMessageTypes]) expect(names).toContain(type);
  });
});
