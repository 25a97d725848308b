import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ProtocolException } from '@pulse/gateway';
import { ErrorCode } from '@pulse/protocol';
import { TICKER_OPTIONS, type TickerOptions } from './ticker-options';

/** The `symbol` of the message a ticker handler is about to get (already validated by the protocol codec). */
export function symbolOf(context: ExecutionContext): string {
  const message: unknown = context.switchToWs().getData();
  const symbol =
    typeof message === 'object' && message !== null ? (message as { symbol?: unknown }).symbol : undefined;
  if (typeof symbol !== 'string')
    throw new ProtocolException(ErrorCode.INVALID_MESSAGE, 'field "symbol" is required');
  return symbol;
}

/** Lets a message through only when it names a symbol this server publishes; otherwise `INVALID_MESSAGE`. */
@Injectable()
export class KnownSymbolGuard implements CanActivate {
  private readonly symbols: ReadonlySet<string>;

  constructor(@Inject(TICKER_OPTIONS) options: TickerOptions) {
    this.symbols = new Set(options.symbols);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.symbols.has(symbolOf(context)))
      throw new ProtocolException(ErrorCode.INVALID_MESSAGE, 'unknown symbol');
    return true;
  }
}
