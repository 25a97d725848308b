import { Controller, Get, Res } from '@nestjs/common';
import { PulseMetrics } from '@pulse/gateway';
import type { FastifyReply } from 'fastify';

/** Prometheus scrape endpoint. */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: PulseMetrics) {}

  @Get('metrics')
  scrape(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
