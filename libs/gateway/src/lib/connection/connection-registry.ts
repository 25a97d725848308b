import { Injectable, Logger } from '@nestjs/common';
import { logFieldsOf } from './log-fields';
import type { RealtimeConnection } from './realtime-connection';

type Listener = (connection: RealtimeConnection, closeCode?: number) => void;

/** The live connections of this node, and hooks for features that must react when one comes or goes. */
@Injectable()
export class ConnectionRegistry {
  private readonly log = new Logger('Connections');
  private readonly connections = new Set<RealtimeConnection>();
  private readonly perUser = new Map<string, number>();
  private readonly openListeners: Listener[] = [];
  private readonly closeListeners: Listener[] = [];

  get size(): number {
    return this.connections.size;
  }

  add(connection: RealtimeConnection): void {
    if (this.connections.has(connection)) return;
    this.connections.add(connection);
    this.perUser.set(connection.user.id, this.countOf(connection.user.id) + 1);
    for (const listener of this.openListeners) listener(connection);
    this.log.debug({ msg: 'connection opened', ...logFieldsOf(connection) });
  }

  /** `closeCode`: the WebSocket close code the connection ended with, when the transport knows one. */
  remove(connection: RealtimeConnection, closeCode?: number): void {
    if (!this.connections.delete(connection)) return;
    const left = this.countOf(connection.user.id) - 1;
    if (left > 0) this.perUser.set(connection.user.id, left);
    else this.perUser.delete(connection.user.id);
    this.log.debug({ msg: 'connection closed', ...logFieldsOf(connection) });
    for (const listener of this.closeListeners) listener(connection, closeCode);
  }

  /** How many of this node's live connections belong to the user. */
  countOf(userId: string): number {
    return this.perUser.get(userId) ?? 0;
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
