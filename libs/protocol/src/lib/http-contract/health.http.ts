import { Type, type Static } from '@sinclair/typebox';

/** The operational HTTP paths: liveness, readiness, Prometheus, the socket protocol's description. */
export const OperationsPaths = {
  health: '/healthz',
  ready: '/readyz',
  metrics: '/metrics',
  asyncApi: '/asyncapi.json',
} as const;

export const HealthResponse = Type.Object(
  {
    status: Type.Literal('ok'),
    connections: Type.Integer({ minimum: 0, description: 'Sockets open on this node' }),
  },
  { description: 'GET /healthz: the process answers' },
);
export type HealthResponse = Static<typeof HealthResponse>;

export const ReadinessResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
    checks: Type.Record(Type.String(), Type.String(), {
      description: 'Each dependency: up, not-configured, draining, or down: with the state and error code',
    }),
  },
  { description: 'GET /readyz: 200 when every dependency answers and the node is not draining, else 503' },
);
export type ReadinessResponse = Static<typeof ReadinessResponse>;
