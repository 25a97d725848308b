import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { connectionOf, RoomsService } from '@pulse/gateway';
import { tickerRoom } from '@pulse/protocol';
import { symbolOf } from './known-symbol.guard';

/** Lets a message through only from a connection subscribed to its symbol (a member of `ticker:SYMBOL`); otherwise `NOT_IN_ROOM`. */
@Injectable()
export class TickerSubscriberGuard implements CanActivate {
  constructor(private readonly rooms: RoomsService) {}

  canActivate(context: ExecutionContext): boolean {
    const connection = connectionOf(context.switchToWs().getClient());
    if (!connection) return false;
    this.rooms.requireMember(connection, tickerRoom(symbolOf(context)));
    return true;
  }
}
