import { Controller, Get } from '@nestjs/common';
import { ConnectionRegistry } from '@pulse/gateway';

@Controller()
export class HealthController {
  constructor(private readonly connections: ConnectionRegistry) {}

  /** Liveness: the process serves requests. */
  @Get('healthz')
  health(): { status: 'ok'; connections: number } {
    return { status: 'ok', connections: this.connections.size };
  }
}
