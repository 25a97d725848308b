import { MessageBody } from '@nestjs/websockets';
import type { ClientMessageOf } from '@pulse/protocol';
import { Conn } from '../connection/conn.decorator';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { OnMessage } from '../decorators/on-message.decorator';
import { PulseGateway } from '../decorators/pulse-gateway.decorator';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { SessionExpiryService } from './session-expiry.service';

/** `reauth`: a fresh ticket extends the connection (see `SessionExpiryService`). */
@PulseGateway()
export class SessionGateway {
  constructor(private readonly sessions: SessionExpiryService) {}

  @OnMessage('reauth')
  @RateLimit(1, 5)
  reauth(
    @MessageBody() message: ClientMessageOf<'reauth'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<void> {
    return this.sessions.renew(connection, message.ticket);
  }
}
