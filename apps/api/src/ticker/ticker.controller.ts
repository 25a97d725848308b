import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '@pulse/auth';
import { TickerPaths, type TickerSymbolsResponse } from '@pulse/protocol';
import { TICKER_OPTIONS, type TickerOptions } from './ticker-options';

/** `GET /ticker/symbols`: what a signed-in client may subscribe to, and how often quotes come. */
@Controller()
export class TickerController {
  constructor(@Inject(TICKER_OPTIONS) private readonly options: TickerOptions) {}

  @Get(TickerPaths.symbols)
  @UseGuards(JwtAuthGuard)
  symbols(): TickerSymbolsResponse {
    return { symbols: [...this.options.symbols], rateHz: this.options.rateHz };
  }
}
