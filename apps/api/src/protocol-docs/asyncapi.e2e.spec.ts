import { Parser, type Diagnostic } from '@asyncapi/parser';
import { buildAsyncApiDocument, clientMessageTypes, serverMessageTypes } from '@pulse/protocol';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Diagnostic severities of @asyncapi/parser (Spectral's): 0 error, 1 warning, 2 information, 3 hint. */
const WARNING = 1;

/** Errors and warnings only, as `severity code at path: message`. */
function problems(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.severity <= WARNING)
    .map((d) => `${d.severity} ${String(d.code)} at ${d.path.join('.')}: ${d.message}`);
}

describe('GET /asyncapi.json', () => {
  let api: TestApp;
  let text: string;

  beforeAll(async () => {
    api = await startTestApp();
    const response = await fetch(`${api.httpUrl}/asyncapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    text = await response.text();
  });

  afterAll(() => api.close());

  it('serves an AsyncAPI 3.0 document that names every message of the registry', () => {
    const document = JSON.parse(text) as {
      asyncapi: string;
      components: { messages: Record<string, { name: string }> };
    };
    expect(document.asyncapi).toBe('3.0.0');
    const names = Object.values(document.components.messages).map((message) => message.name);
    for (const type of [...clientMessageTypes, ...serverMessageTypes]) expect(names).toContain(type);
  });

  it('is valid for the AsyncAPI parser: no error, no warning, and it parses', async () => {
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(text);
    expect(problems(diagnostics)).toEqual([]);
    expect(document?.allMessages().length).toBe(clientMessageTypes.length + serverMessageTypes.length);
  });

  it('is valid too with a server URL under a prefix, as a deployment would publish it', async () => {
    const withServer = JSON.stringify(buildAsyncApiDocument({ serverUrl: 'wss://pulse.example.com/pulse' }));
    const { document, diagnostics } = await new Parser().parse(withServer);
    expect(problems(diagnostics)).toEqual([]);
    expect(document?.allServers().length).toBeGreaterThan(0);
  });

  it('would fail: the parser reports a message that points at a schema that is not there', async () => {
    const broken = JSON.parse(text) as { components: { messages: Record<string, { payload: unknown }> } };
    const first = Object.keys(broken.components.messages)[0];
    broken.components.messages[first].payload = { $ref: '#/components/schemas/noSuchSchema' };
    const { diagnostics } = await new Parser().parse(JSON.stringify(broken));
    expect(problems(diagnostics)).not.toEqual([]);
  });
});
