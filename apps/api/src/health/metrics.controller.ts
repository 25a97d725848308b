import { Controller, Get, Res } from '@nestjs/common';
import { PulseMetrics } from '@pulse/gateway';
import type { Response } from 'express';

/** Prometheus scrape endpoint. */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: PulseMetrics) {}

  @Get('metrics')
  async scrape(@Res() response: Response): Promise<void> {
    response.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
