import type { ServerMessage, ServerMessageOf, ServerMessageType } from '@pulse/protocol';
import { Listeners } from './listeners';

type AnyHandler = (message: ServerMessage) => void;

/** Routes decoded server messages to the handlers registered for their `type`. */
export class MessageRouter {
  private readonly handlers = new Map<ServerMessageType, Listeners<ServerMessage>>();

  on<T extends ServerMessageType>(type: T, handler: (message: ServerMessageOf<T>) => void): () => void {
    let listeners = this.handlers.get(type);
    if (!listeners) {
      listeners = new Listeners<ServerMessage>();
      this.handlers.set(type, listeners);
    }
    // Sound: `dispatch` only hands this handler messages whose `type` is T.
    return listeners.add(handler as AnyHandler);
  }

  dispatch(message: ServerMessage): void {
    this.handlers.get(message.type)?.emit(message);
  }
}
