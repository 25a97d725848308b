import { MessageBody } from '@nestjs/websockets';
import type { ClientMessageOf, ServerMessageOf } from '@pulse/protocol';
import { OnMessage } from '../decorators/on-message.decorator';
import { PulseGateway } from '../decorators/pulse-gateway.decorator';

/** The app-level ping, for clients (browsers) that cannot see protocol pings. */
@PulseGateway()
export class PingGateway {
  @OnMessage('ping')
  ping(@MessageBody() message: ClientMessageOf<'ping'>): ServerMessageOf<'pong'> {
    return { type: 'pong', t: message.t };
  }
}
