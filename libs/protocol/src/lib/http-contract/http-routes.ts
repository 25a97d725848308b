import { Type, type TSchema } from '@sinclair/typebox';
import { RoomName } from '../messages/common.schemas';
import { TickerPaths, TickerSymbolsResponse } from '../messages/ticker.messages';
import {
  CLUSTER_NODES_PATH,
  ClusterNodesResponse,
  MAX_ADMIN_USER_ID_LENGTH,
  RevocationResponse,
} from './admin.http';
import { DocumentAccessResponse } from './collab.http';
import { LoginRequest, LoginResponse, PulsePaths, RefreshResponse, TicketResponse } from './auth.http';
import { ErrorResponse } from './errors.http';
import { HealthResponse, OperationsPaths, ReadinessResponse } from './health.http';
import { LobbyPaths, RoomsResponse } from './lobby.http';

/** The HTTP bodies by the name they get in the OpenAPI document's `components.schemas`. */
export const httpSchemas = {
  LoginRequest,
  LoginResponse,
  RefreshResponse,
  TicketResponse,
  RoomsResponse,
  TickerSymbolsResponse,
  HealthResponse,
  ReadinessResponse,
  RevocationResponse,
  ClusterNodesResponse,
  DocumentAccessResponse,
  ErrorResponse,
} as const satisfies Record<string, TSchema>;

export type HttpSchemaName = keyof typeof httpSchemas;

export interface HttpResponseSpec {
  readonly description: string;
  /** A JSON body of this schema; `ErrorResponse` for every error status. */
  readonly json?: HttpSchemaName;
  /** A body that is not one of ours: its media type and what it is. */
  readonly other?: { readonly mediaType: string; readonly schema: Record<string, unknown> };
  /** Response headers worth knowing, by name. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpRoute {
  readonly method: 'get' | 'post';
  /** OpenAPI's form: `/admin/users/{id}/revoke`. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  /** `Authorization: Bearer <access token>` required. */
  readonly bearer: boolean;
  /** The `pulse_refresh` cookie required instead (see `REFRESH_COOKIE`). */
  readonly refreshCookie?: boolean;
  /** Served only while the dev login is on (`DEV_LOGIN`). */
  readonly devLoginOnly?: boolean;
  readonly pathParameters?: Readonly<
    Record<string, { readonly description: string; readonly schema: TSchema }>
  >;
  readonly body?: HttpSchemaName;
  readonly responses: Readonly<Record<number, HttpResponseSpec>>;
}

const unauthorized: HttpResponseSpec = {
  description: 'No bearer token, or an invalid, expired or revoked one',
  json: 'ErrorResponse',
};

/** Every HTTP route the API serves, with its bodies and errors. The OpenAPI document is built from this table. */
export const httpRoutes: readonly HttpRoute[] = [
  {
    method: 'post',
    path: PulsePaths.login,
    operationId: 'login',
    tag: 'auth',
    summary:
      'Sign in as a dev user (alice, bob, carol, dave; password pulse): an HS256 access token, and a refresh token in the pulse_refresh cookie',
    bearer: false,
    devLoginOnly: true,
    body: 'LoginRequest',
    responses: {
      200: {
        description: 'Signed in',
        json: 'LoginResponse',
        headers: {
          'Set-Cookie':
            'pulse_refresh=<refresh token>; Max-Age=REFRESH_TOKEN_TTL_SECONDS; Path=/auth; HttpOnly; SameSite=Strict; Secure (except on localhost)',
        },
      },
      400: {
        description: 'The body is not a LoginRequest (the message names the field)',
        json: 'ErrorResponse',
      },
      401: { description: 'Unknown user or wrong password', json: 'ErrorResponse' },
    },
  },
  {
    method: 'post',
    path: PulsePaths.refresh,
    operationId: 'refresh',
    tag: 'auth',
    summary:
      'Trade the pulse_refresh cookie for a fresh access token and the next refresh token (rotation); a spent refresh token ends its sign-in',
    bearer: false,
    refreshCookie: true,
    devLoginOnly: true,
    responses: {
      200: {
        description: 'Refreshed; the cookie holds the next refresh token',
        json: 'RefreshResponse',
        headers: { 'Set-Cookie': 'pulse_refresh=<next refresh token>; same attributes as at login' },
      },
      401: {
        description:
          'No cookie, or an unknown, expired, spent or revoked refresh token (the cookie is cleared)',
        json: 'ErrorResponse',
      },
      403: { description: 'A browser Origin outside ALLOWED_ORIGINS', json: 'ErrorResponse' },
      503: { description: 'The session store is unreachable', json: 'ErrorResponse' },
    },
  },
  {
    method: 'post',
    path: PulsePaths.logout,
    operationId: 'logout',
    tag: 'auth',
    summary:
      'Sign out: end the sign-in of the pulse_refresh cookie and clear it (access tokens already issued live out their short lifetime)',
    bearer: false,
    devLoginOnly: true,
    responses: {
      204: {
        description: 'Signed out (also when there was no sign-in)',
        headers: { 'Set-Cookie': 'pulse_refresh=; Max-Age=0; Path=/auth' },
      },
      403: { description: 'A browser Origin outside ALLOWED_ORIGINS', json: 'ErrorResponse' },
      503: {
        description: 'The session store is unreachable; the sign-in may still be on record, retry',
        json: 'ErrorResponse',
      },
    },
  },
  {
    method: 'post',
    path: PulsePaths.ticket,
    operationId: 'issueTicket',
    tag: 'auth',
    summary: 'Trade the access token for a single-use socket ticket, bound to the request Origin',
    bearer: true,
    responses: {
      200: {
        description: 'A ticket for `GET /ws?ticket=` or the Socket.IO handshake',
        json: 'TicketResponse',
      },
      401: unauthorized,
      429: {
        description: "Over the user's ticket budget (RATE_LIMIT_TICKETS_PER_MINUTE)",
        json: 'ErrorResponse',
        headers: { 'Retry-After': 'Seconds to wait' },
      },
    },
  },
  {
    method: 'get',
    path: LobbyPaths.rooms,
    operationId: 'listRooms',
    tag: 'lobby',
    summary: 'Rooms with players online, busiest first',
    bearer: true,
    responses: {
      200: { description: 'The rooms', json: 'RoomsResponse' },
      401: unauthorized,
      503: { description: 'The shared room store is unreachable', json: 'ErrorResponse' },
    },
  },
  {
    method: 'get',
    path: TickerPaths.symbols,
    operationId: 'tickerSymbols',
    tag: 'ticker',
    summary: 'The symbols the live ticker publishes and how often',
    bearer: true,
    responses: { 200: { description: 'The symbols', json: 'TickerSymbolsResponse' }, 401: unauthorized },
  },
  {
    method: 'post',
    path: '/admin/users/{id}/revoke',
    operationId: 'revokeUser',
    tag: 'admin',
    summary: "Close a user's sockets on every node and void their tokens and tickets (role admin)",
    bearer: true,
    pathParameters: {
      id: {
        description: 'The user id (the token subject)',
        schema: Type.String({ minLength: 1, maxLength: MAX_ADMIN_USER_ID_LENGTH }),
      },
    },
    responses: {
      200: { description: 'Revoked', json: 'RevocationResponse' },
      400: { description: 'The user id is empty or too long', json: 'ErrorResponse' },
      401: unauthorized,
      403: { description: 'The token has no admin role', json: 'ErrorResponse' },
    },
  },
  {
    method: 'get',
    path: CLUSTER_NODES_PATH,
    operationId: 'listNodes',
    tag: 'admin',
    summary:
      'The Pulse nodes alive now: id, address, start, open connections, last liveness report (role admin)',
    bearer: true,
    responses: {
      200: { description: 'The live nodes', json: 'ClusterNodesResponse' },
      401: unauthorized,
      403: { description: 'The token has no admin role', json: 'ErrorResponse' },
    },
  },
  {
    method: 'get',
    path: '/collab/{document}/access',
    operationId: 'documentAccess',
    tag: 'collab',
    summary:
      'What the signed-in user may do with a shared document (ws(s)://HOST/collab/<document>?ticket=...)',
    bearer: true,
    pathParameters: { document: { description: 'The document name (a room name)', schema: RoomName } },
    responses: {
      200: { description: 'Read or write access', json: 'DocumentAccessResponse' },
      400: { description: 'Not a valid document name', json: 'ErrorResponse' },
      401: unauthorized,
      403: { description: 'No access to this document', json: 'ErrorResponse' },
    },
  },
  {
    method: 'get',
    path: OperationsPaths.health,
    operationId: 'health',
    tag: 'operations',
    summary: 'Liveness',
    bearer: false,
    responses: { 200: { description: 'The process answers', json: 'HealthResponse' } },
  },
  {
    method: 'get',
    path: OperationsPaths.ready,
    operationId: 'ready',
    tag: 'operations',
    summary: 'Readiness for a load balancer',
    bearer: false,
    responses: {
      200: { description: 'Ready', json: 'ReadinessResponse' },
      503: {
        description: 'Redis unreachable or the node drains; take it out of the balancer',
        json: 'ReadinessResponse',
      },
    },
  },
  {
    method: 'get',
    path: OperationsPaths.metrics,
    operationId: 'metrics',
    tag: 'operations',
    summary: 'Prometheus scrape',
    bearer: false,
    responses: {
      200: {
        description: 'Prometheus text exposition',
        other: { mediaType: 'text/plain', schema: { type: 'string' } },
      },
    },
  },
  {
    method: 'get',
    path: OperationsPaths.asyncApi,
    operationId: 'asyncApi',
    tag: 'operations',
    summary: 'The AsyncAPI 3.0 description of the socket protocol',
    bearer: false,
    responses: {
      200: {
        description: 'An AsyncAPI 3.0 document',
        other: { mediaType: 'application/json', schema: { type: 'object', required: ['asyncapi'] } },
      },
    },
  },
];
