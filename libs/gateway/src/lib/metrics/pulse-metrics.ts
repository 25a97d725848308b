import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { NodeLiveness } from '../cluster/node-liveness';
import { ConnectionRegistry } from '../connection/connection-registry';
import { HeartbeatService } from '../heartbeat/heartbeat.service';
import { REDIS_CLIENTS, type RedisClients } from '../redis/redis-clients';
import { HotCounter, HotHistogram } from './hot-metrics';

/**
 * The gateway's Prometheus metrics, on a registry of its own (so several apps in one process never collide).
 * Message-path figures are `HotCounter`/`HotHistogram` (number increments, handed to prom-client at scrape
 * time); gauges are read when Prometheus scrapes. With Redis, the pub/sub lag probe
 * adds its own figures to this registry (`PubSubLagMetrics`).
 */
@Injectable()
export class PulseMetrics {
  readonly registry = new Registry();
  readonly messagesIn = new HotCounter({
    name: 'pulse_messages_in_total',
    help: 'Inbound messages by type',
    labelName: 'type',
    registry: this.registry,
  });
  readonly errors = new HotCounter({
    name: 'pulse_errors_total',
    help: 'Error answers by code',
    labelName: 'code',
    registry: this.registry,
  });
  readonly upgradesRefused = new Counter({
    name: 'pulse_upgrades_refused_total',
    help: 'Connections refused before they opened, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  /** Every connection that closed, by its WebSocket close code (see `closeCodeOf` for Socket.IO). */
  readonly closes = new HotCounter({
    name: 'pulse_closes_total',
    help: 'Connections closed, by close code',
    labelName: 'code',
    registry: this.registry,
  });
  readonly deliveries = new HotCounter({
    name: 'pulse_deliveries_total',
    help: 'Room events handed to local sockets',
    registry: this.registry,
  });
  readonly fanoutSeconds = new HotHistogram(
    'pulse_fanout_seconds',
    'Time to hand one room event to all local members',
    [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    this.registry,
  );

  constructor(
    connections: ConnectionRegistry,
    heartbeat: HeartbeatService,
    @Optional() @Inject(REDIS_CLIENTS) redis: RedisClients | null,
    liveness: NodeLiveness,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'pulse_' });
    new Gauge({
      name: 'pulse_connections',
      help: 'Open connections by transport',
      labelNames: ['transport'],
      registers: [this.registry],
      collect() {
        const counts = { ws: 0, 'socket.io': 0 };
        for (const connection of connections.values()) counts[connection.transport]++;
        for (const [transport, count] of Object.entries(counts)) this.set({ transport }, count);
      },
    });
    new Gauge({
      name: 'pulse_send_backlogged_connections',
      help: 'Native sockets whose moves are being conflated because they read too slowly',
      registers: [this.registry],
      collect() {
        let backlogged = 0;
        for (const connection of connections.values())
          if ((connection as { backlogged?: boolean }).backlogged) backlogged++;
        this.set(backlogged);
      },
    });
    new Gauge({
      name: 'pulse_heartbeat_terminations',
      help: 'Connections terminated for missing their heartbeat since boot',
      registers: [this.registry],
      collect() {
        this.set(heartbeat.terminated);
      },
    });
    new Gauge({
      name: 'pulse_redis_up',
      help: '1 when Redis answers (a probe command every second on every primary), 0 when not, absent without Redis',
      registers: [this.registry],
      collect() {
        if (redis) this.set(redis.availability().available ? 1 : 0);
      },
    });
    const errors = new Counter({
      name: 'pulse_redis_errors_total',
      help: 'Redis commands that failed, by command',
      labelNames: ['command'],
      registers: [this.registry],
    });
    redis?.onCommandError((command) => errors.inc({ command }));
    new Gauge({
      name: 'pulse_cluster_nodes',
      help: 'Pulse nodes whose liveness record was current at the last round (1 without Redis)',
      registers: [this.registry],
      collect() {
        this.set(liveness.clusterSize);
      },
    });
  }
}
