import { SubscribeMessage } from '@nestjs/websockets';
import type { ClientMessageType } from '@pulse/protocol';

/** `@SubscribeMessage` limited to the protocol's client message types: a typo is a compile error. */
export function OnMessage(type: ClientMessageType): MethodDecorator {
  return SubscribeMessage(type);
}
