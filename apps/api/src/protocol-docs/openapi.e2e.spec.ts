import SwaggerParser from '@apidevtools/swagger-parser';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { httpRoutes, httpSchemas, type HttpSchemaName } from '@pulse/protocol';
import { Value } from '@sinclair/typebox/value';
import { startTestApp, type TestApp } from '../testing/test-app';

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
}

/** `post /auth/login`, for every operation of a document. */
function operations(document: Pick<Document, 'paths'>): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
    .sort();
}

/** The routes Nest actually registered, as @nestjs/swagger's scanner finds them in the running app. */
function servedOperations(api: TestApp): string[] {
  return operations(
    SwaggerModule.createDocument(api.app, new DocumentBuilder().build()) as unknown as Pick<
      Document,
      'paths'
    >,
  );
}

/** Fails unless `status` is documented for `method path` and `body` matches the schema documented for it. */
function expectDocumented(method: string, path: string, status: number, body: unknown): void {
  const route = httpRoutes.find((r) => r.method === method && r.path === path);
  const spec = route?.responses[status];
  expect({ route: `${method} ${path}`, status, documented: Boolean(spec?.json) }).toEqual({
    route: `${method} ${path}`,
    status,
    documented: true,
  });
  const schema = httpSchemas[spec?.json as HttpSchemaName];
  const problems = [...Value.Errors(schema, body)].map((error) => `${error.path}: ${error.message}`);
  expect({ route: `${method} ${path}`, status, problems }).toEqual({
    route: `${method} ${path}`,
    status,
    problems: [],
  });
}

describe('OpenAPI for the HTTP endpoints', () => {
  let api: TestApp;
  let document: Document;

  beforeAll(async () => {
    api = await startTestApp();
    document = (await (await fetch(`${api.httpUrl}/docs/openapi.json`)).json()) as Document;
  });

  afterAll(() => api.close());

  it('is a valid OpenAPI 3.1 document (swagger-parser: schema, every $ref resolves)', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(JSON.stringify(document)).not.toContain('"#/components/schemas/"');
  });

  it('would fail: the validator refuses a reference to a schema with an empty name, as the old document had', async () => {
    const broken = structuredClone(document) as Document & {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    broken.paths['/auth/login']['post'].requestBody = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/' } } },
    };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it('describes exactly the routes the server serves', () => {
    expect(operations(document)).toEqual(servedOperations(api));
  });

  it('asks for a credential (bearer token or refresh cookie) exactly where the server does, and documents 401 there', async () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const bearer = (op.security ?? []).length > 0;
        if (path.includes('{')) continue;
        const answer = await fetch(`${api.httpUrl}${path}`, { method: method.toUpperCase() });
        expect({ route: `${method} ${path}`, unauthorized: answer.status === 401 }).toEqual({
          route: `${method} ${path}`,
          unauthorized: bearer,
        });
        if (bearer) expect(op.responses).toHaveProperty('401');
      }
    }
  });

  it('matches what the server answers: bodies of successes and errors against their documented schemas', async () => {
    const json = async (
      method: string,
      path: string,
      init: RequestInit = {},
    ): Promise<{ status: number; body: unknown }> => {
      const answer = await fetch(`${api.httpUrl}${path}`, { method: method.toUpperCase(), ...init });
      return { status: answer.status, body: await answer.json() };
    };
    const bearer = async (user: string) => ({ authorization: `Bearer ${await api.login(user)}` });
    const jsonBody = (value: unknown) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value),
    });
    const refreshCookie = async () => {
      const signedIn = await fetch(`${api.httpUrl}/auth/login`, {
        method: 'POST',
        ...jsonBody({ username: 'bob', password: 'pulse' }),
      });
      return signedIn.headers.getSetCookie()[0].split(';')[0];
    };

    const answers: Array<[string, string, { status: number; body: unknown }]> = [
      [
        'post',
        '/auth/login',
        await json('post', '/auth/login', jsonBody({ username: 'alice', password: 'pulse' })),
      ],
      [
        'post',
        '/auth/login',
        await json('post', '/auth/login', jsonBody({ username: 'alice', password: 'wrong' })),
      ],
      ['post', '/auth/login', await json('post', '/auth/login', jsonBody({ username: 7 }))],
      [
        'post',
        '/auth/refresh',
        await json('post', '/auth/refresh', { headers: { cookie: await refreshCookie() } }),
      ],
      [
        'post',
        '/auth/refresh',
        await json('post', '/auth/refresh', { headers: { cookie: 'pulse_refresh=made-up' } }),
      ],
      ['post', '/auth/ticket', await json('post', '/auth/ticket', { headers: await bearer('alice') })],
      [
        'post',
        '/auth/ticket',
        await json('post', '/auth/ticket', { headers: { authorization: 'Bearer not-a-jwt' } }),
      ],
      ['get', '/rooms', await json('get', '/rooms', { headers: await bearer('alice') })],
      ['get', '/ticker/symbols', await json('get', '/ticker/symbols', { headers: await bearer('alice') })],
      [
        'post',
        '/admin/users/{id}/revoke',
        await json('post', '/admin/users/erin/revoke', { headers: await bearer('dave') }),
      ],
      [
        'post',
        '/admin/users/{id}/revoke',
        await json('post', '/admin/users/erin/revoke', { headers: await bearer('alice') }),
      ],
      [
        'post',
        '/admin/users/{id}/revoke',
        await json('post', `/admin/users/${'x'.repeat(129)}/revoke`, { headers: await bearer('dave') }),
      ],
      ['get', '/healthz', await json('get', '/healthz')],
      ['get', '/readyz', await json('get', '/readyz')],
    ];
    expect(answers.map(([, path, { status }]) => `${path} ${status}`)).toEqual([
      '/auth/login 200',
      '/auth/login 401',
      '/auth/login 400',
      '/auth/refresh 200',
      '/auth/refresh 401',
      '/auth/ticket 200',
      '/auth/ticket 401',
      '/rooms 200',
      '/ticker/symbols 200',
      '/admin/users/{id}/revoke 200',
      '/admin/users/{id}/revoke 403',
      '/admin/users/{id}/revoke 400',
      '/healthz 200',
      '/readyz 200',
    ]);
    for (const [method, path, { status, body }] of answers) expectDocumented(method, path, status, body);
  });

  it('serves the UI at /docs', async () => {
    const ui = await fetch(`${api.httpUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('leaves POST /auth/login out when the dev login is off, as the server does', async () => {
    const noDevLogin = await startTestApp({ DEV_LOGIN: 'false' });
    try {
      const served = (await (await fetch(`${noDevLogin.httpUrl}/docs/openapi.json`)).json()) as Document;
      expect(operations(served)).not.toContain('post /auth/login');
      expect(operations(served)).not.toContain('post /auth/refresh');
      expect(operations(served)).not.toContain('post /auth/logout');
      expect(operations(served)).toEqual(servedOperations(noDevLogin));
      await expect(SwaggerParser.validate(served as never)).resolves.toBeDefined();
    } finally {
      await noDevLogin.close();
    }
  });
});
