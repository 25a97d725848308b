/**
 * The metadata keys Nest's public decorators write (`@WebSocketGateway`, `@SubscribeMessage`, `@UseFilters`,
 * `@Catch`, param decorators). Nest exports the decorators but keeps the keys in files that are not part of its
 * public API, so they are named here once; `nest-metadata.spec.ts` checks each against the decorators themselves.
 */
export const NestMetadata = {
  gateway: 'websockets:is_gateway',
  gatewayOptions: 'websockets:gateway_options',
  messageMapping: 'websockets:message_mapping',
  message: 'message',
  exceptionFilters: '__exceptionFilters__',
  catchExceptions: '__filterCatchExceptions__',
  routeArguments: '__routeArguments__',
  customRouteArguments: '__customRouteArgs__',
} as const;

/** `WsParamtype`: what `@ConnectedSocket()`, `@MessageBody()` and `@Ack()` record. */
export const WsParamType = { SOCKET: 0, PAYLOAD: 3, ACK: 13 } as const;

/** A gateway's `path` as Nest compares paths: one leading slash, no trailing one, `/` when there is none. */
export function normalizedPath(path: string | undefined): string {
  if (!path) return '/';
  const trimmed = `/${path}`.replace(/\/+/g, '/').replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}
