import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Middleware on Node's own request and response (helmet's kind), calling `next` once, with an error if it failed. */
export type NodeMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Runs `middleware` on every HTTP request Fastify answers, routed or not (404s and errors included), before body
 * parsing, guards and handlers: an `onRequest` hook, in the order of the calls. Headers it sets on the Node response
 * are sent with every answer, including one a handler writes to the Node response itself.
 */
export function useNodeMiddleware(app: NestFastifyApplication, middleware: NodeMiddleware): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      middleware(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    );
}
