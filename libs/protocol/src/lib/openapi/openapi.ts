import { REFRESH_COOKIE } from '../http-contract/auth.http';
import { httpRoutes, httpSchemas, type HttpResponseSpec, type HttpRoute } from '../http-contract/http-routes';
import { toJsonSchema } from '../asyncapi/asyncapi';
import type { JsonSchema } from '../asyncapi/asyncapi.types';

export interface OpenApiOptions {
  /**
   * Whether `POST /auth/login` (the dev users) is served and so described.
   * @default true
   */
  devLogin?: boolean;
  /** @default 'Pulse HTTP API' */
  title?: string;
  /** @default '1.0.0' */
  version?: string;
}

/** An OpenAPI 3.1 document as plain JSON. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: '3.1.0';
  paths: Record<string, Record<string, unknown>>;
};

const BEARER = 'bearer';
const REFRESH = 'refreshCookie';
/** Response headers whose value is a number; the others are strings. */
const INTEGER_HEADERS = new Set(['Retry-After']);
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function response(spec: HttpResponseSpec): Record<string, unknown> {
  const content = spec.json
    ? { 'application/json': { schema: schemaRef(spec.json) } }
    : spec.other
      ? { [spec.other.mediaType]: { schema: spec.other.schema } }
      : undefined;
  const headers = spec.headers
    ? Object.fromEntries(
        Object.entries(spec.headers).map(([name, description]) => [
          name,
          { description, schema: { type: INTEGER_HEADERS.has(name) ? 'integer' : 'string' } },
        ]),
      )
    : undefined;
  return { description: spec.description, ...(content ? { content } : {}), ...(headers ? { headers } : {}) };
}

function operation(route: HttpRoute): Record<string, unknown> {
  const parameters = Object.entries(route.pathParameters ?? {}).map(([name, parameter]) => ({
    name,
    in: 'path',
    required: true,
    description: parameter.description,
    schema: toJsonSchema(parameter.schema),
  }));
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: schemaRef(route.body) } } },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, spec]) => [status, response(spec)]),
    ),
    security: route.bearer ? [{ [BEARER]: [] }] : route.refreshCookie ? [{ [REFRESH]: [] }] : [],
  };
}

/**
 * The OpenAPI 3.1 description of the HTTP API, built from `httpRoutes` and the same TypeBox schemas the server
 * validates with and the clients decode with (OpenAPI 3.1 schemas are JSON Schema, so they are used as they are).
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  const routes = httpRoutes.filter((route) => options.devLogin !== false || !route.devLoginOnly);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(httpSchemas)) schemas[name] = toJsonSchema(schema);
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Pulse HTTP API',
      version: options.version ?? '1.0.0',
      description:
        'Login, socket tickets, lobby, ticker, admin and health. The socket protocol itself is described at /asyncapi.json. ' +
        'Every error answers an ErrorResponse.',
    },
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        [BEARER]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from POST /auth/login or your identity provider',
        },
        [REFRESH]: {
          type: 'apiKey',
          in: 'cookie',
          name: REFRESH_COOKIE.name,
          description:
            'The HttpOnly refresh-token cookie set by POST /auth/login (and rotated by POST /auth/refresh); browsers send it to /auth only',
        },
      },
    },
  };
}
