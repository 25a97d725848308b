import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PulseMetrics, REDIS_CLIENTS, RoomsService, type RedisClients } from '@pulse/gateway';
import {
  ADMIN_CONSOLE_ROOM,
  CONSOLE_SAMPLE_MAX_ROOMS,
  type ConsoleRoomFigure,
  type ConsoleSampleMessage,
} from '@pulse/protocol';
import {
  ADMIN_CONSOLE_CLOCK,
  ADMIN_CONSOLE_OPTIONS,
  type AdminConsoleOptions,
} from './admin-console-options';
import { consoleSample } from './console-sample';
import { readMetrics, type MetricReading } from './metric-reading';

/**
 * Every `intervalMs`, reads this node's figures from the registry `GET /metrics` renders and publishes them as a
 * `console-sample` to the room `admin:console` (on every node, through the room bus). When the bus is down the sample
 * still reaches this node's watchers.
 */
@Injectable()
export class AdminConsoleFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('AdminConsole');
  private previous: MetricReading | null = null;
  private latestSample: ConsoleSampleMessage | null = null;
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<unknown> | null = null;
  private publishFailing = false;

  constructor(
    private readonly metrics: PulseMetrics,
    private readonly rooms: RoomsService,
    @Inject(ADMIN_CONSOLE_OPTIONS) private readonly options: AdminConsoleOptions,
    @Inject(ADMIN_CONSOLE_CLOCK) private readonly now: () => number,
    @Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null,
  ) {}

  /** This node's latest sample, sent to a new watcher first; null before the first interval ended. */
  get latest(): ConsoleSampleMessage | null {
    return this.latestSample;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.previous = await readMetrics(this.metrics.registry, this.now());
    this.timer = setInterval(() => {
      if (!this.inFlight) this.inFlight = this.tick().finally(() => (this.inFlight = null));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  /** Takes a sample of the interval since the previous one and publishes it. */
  async tick(): Promise<ConsoleSampleMessage> {
    const current = await readMetrics(this.metrics.registry, this.now());
    const sample = consoleSample(this.previous ?? current, current, {
      node: this.options.nodeId,
      redis: this.redis !== null,
      rooms: this.busiestRooms(),
    });
    this.previous = current;
    this.latestSample = sample;
    try {
      await this.rooms.publish(ADMIN_CONSOLE_ROOM, sample);
      if (this.publishFailing) this.log.log('console samples reach every node again');
      this.publishFailing = false;
    } catch (error) {
      if (!this.publishFailing)
        this.log.warn(
          `console sample not published to other nodes: ${error instanceof Error ? error.message : 'unknown error'}`,
        );
      this.publishFailing = true;
      this.rooms.deliverLocal(ADMIN_CONSOLE_ROOM, sample);
    }
    return sample;
  }

  private busiestRooms(): ConsoleRoomFigure[] {
    const figures: ConsoleRoomFigure[] = [];
    for (const name of this.rooms.localRooms()) {
      let members = 0;
      for (const _member of this.rooms.localMembers(name)) members++;
      figures.push({ name, members });
    }
    return figures
      .sort((a, b) => b.members - a.members || a.name.localeCompare(b.name))
      .slice(0, CONSOLE_SAMPLE_MAX_ROOMS);
  }
}
