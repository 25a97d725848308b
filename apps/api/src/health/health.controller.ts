import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ConnectionRegistry, DrainService, REDIS_CLIENTS, type RedisClients } from '@pulse/gateway';
import { OperationsPaths, type HealthResponse, type ReadinessResponse } from '@pulse/protocol';
import type { FastifyReply } from 'fastify';

@Controller()
export class HealthController {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly drain: DrainService,
    @Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null,
  ) {}

  /** Liveness: the process serves requests. */
  @Get(OperationsPaths.health)
  health(): HealthResponse {
    return { status: 'ok', connections: this.connections.size };
  }

  /** Readiness: every dependency answers. 503 with the reason otherwise, so a balancer stops sending new clients. */
  @Get(OperationsPaths.ready)
  ready(@Res({ passthrough: true }) response: FastifyReply): ReadinessResponse {
    const redis = this.redis?.availability();
    const checks: ReadinessResponse['checks'] = {
      redis: !redis ? 'not-configured' : redis.available ? 'up' : `down: ${redis.reason}`,
      node: this.drain.draining ? 'draining' : 'up',
    };
    const ready = (!redis || redis.available) && !this.drain.draining;
    response.code(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not-ready', checks };
  }
}
