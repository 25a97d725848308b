import { Injectable, Logger } from '@nestjs/common';
import { logFieldsOf } from './log-fields';
import type { RealtimeConnection } from './realtime-connection';

type Listener = (connection: RealtimeConnection) => void;

/** The live connections of this node, and a hook for features that must react when one goes. */
@Injectable()
export class ConnectionRegistry {
  private readonly log = new Logger('Connections');
  private readonly connections = new Set<RealtimeConnection>();
  private readonly closeListeners: Listener[] = [];

  get size(): number {
    return this.connections.size;
  }

  add(connection: RealtimeConnection): void {
    this.connections.add(connection);
    this.log.debug({ msg: 'connection opened', ...logFieldsOf(connection) });
  }

  remove(connection: RealtimeConnection): void {
    if (!this.connections.delete(connection)) return;
    this.log.debug({ msg: 'connection closed', ...logFieldsOf(connection) });
    for (const listener of this.closeListeners) listener(connection);
  }

  onClose(listener: Listener): void {
    this.closeListeners.push(listener);
  }

  values(): IterableIterator<RealtimeConnection> {
    return this.connections.values();
  }
}
