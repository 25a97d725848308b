import { Inject, UseGuards } from '@nestjs/common';
import { MessageBody } from '@nestjs/websockets';
import { Conn, OnMessage, PulseGateway, RoomsService, type RealtimeConnection } from '@pulse/gateway';
import { tickerRoom, type ClientMessageOf } from '@pulse/protocol';
import { KnownSymbolGuard } from './known-symbol.guard';
import { QUOTE_STORE, type QuoteStore } from './quote.store';
import { TickerSubscriberGuard } from './ticker-subscriber.guard';

/** Subscriptions to the live ticker: a subscriber is a member of the room `ticker:SYMBOL`. */
@PulseGateway()
export class TickerGateway {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(QUOTE_STORE) private readonly store: QuoteStore,
  ) {}

  /**
   * Joins the symbol's room and sends its latest quote first, as a snapshot; quotes published meanwhile are held and
   * released after it, filtered by seq, so the subscriber sees no gap and no duplicate.
   */
  @OnMessage('subscribe')
  @UseGuards(KnownSymbolGuard)
  async subscribe(
    @MessageBody() message: ClientMessageOf<'subscribe'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<void> {
    const room = tickerRoom(message.symbol);
    await this.rooms.beginJoin(connection, room);
    try {
      const latest = await this.store.latest(message.symbol);
      if (latest) connection.send(latest);
      this.rooms.completeJoin(connection, room, latest?.seq ?? 0);
    } catch (error) {
      this.rooms.leave(connection, room);
      throw error;
    }
  }

  /** Leaves the symbol's room: once acknowledged, none of its quotes reaches this connection. */
  @OnMessage('unsubscribe')
  @UseGuards(TickerSubscriberGuard)
  unsubscribe(
    @MessageBody() message: ClientMessageOf<'unsubscribe'>,
    @Conn() connection: RealtimeConnection,
  ): void {
    this.rooms.leave(connection, tickerRoom(message.symbol));
  }
}
