import { Injectable, Logger } from '@nestjs/common';
import { logFieldsOf } from './log-fields';
import type { RealtimeConnection } from './realtime-connection';

type Listener = (connection: RealtimeConnection) => void;

/** The live connections of this node, and hooks for features that must react when one comes or goes. */
@Injectable()
export class ConnectionRegistry {
  private readonly log = new Logger('Connections');
  private readonly connections = new Set<RealtimeConnection>();
  private readonly openListeners: Listener[] = [];
  private readonly closeListeners: Listener[] = [];

  get size(): number {
    return this.connections.size;
  }

  add(connection: RealtimeConnection): void {
    if (this.connections.has(connection)) return;
    this.connections.add(connection);
    for (const listener of this.openListeners) listener(connection);
    this.log.debug({ msg: 'connection opened', ...logFieldsOf(connection) });
  }

  remove(connection: RealtimeConnection): void {
    if (!this.connections.delete(connection)) return;
    this.log.debug({ msg: 'connection closed', ...logFieldsOf(connection) });
    for (const listener of this.closeListeners) listener(connection);
  }

  onOpen(listener: Listener): void {
    this.openListeners.push(listener);
  }

  onClose(listener: Listener): void {
    this.closeListeners.push(listener);
  }

  values(): IterableIterator<RealtimeConnection> {
    return this.connections.values();
  }
}
