import { Type, type Static } from '@sinclair/typebox';
import { MessageId, RoomName } from './common.schemas';

/**
 * The operator's console: admins `console-watch` and get a `console-sample` from every node, once per interval, with
 * the same figures that node's `GET /metrics` exposes. The samples travel in the room `admin:console`, which only the
 * console feed writes to (plain `join` and room messages there are refused).
 */

/** The room that carries every node's console samples. */
export const ADMIN_CONSOLE_ROOM = 'admin:console';

/** The most rooms a sample lists (the ones with the most members on the node). */
export const CONSOLE_SAMPLE_MAX_ROOMS = 20;

export const ConsoleWatchRequest = Type.Object(
  { type: Type.Literal('console-watch'), id: Type.Optional(MessageId) },
  {
    description:
      "Start receiving every node's `console-sample` (joins the room `admin:console`). Needs the role `admin`: anyone else " +
      'gets `FORBIDDEN` and joins nothing. Watching again is harmless.',
  },
);

export const ConsoleUnwatchRequest = Type.Object(
  { type: Type.Literal('console-unwatch'), id: Type.Optional(MessageId) },
  { description: 'Stop receiving console samples. `NOT_IN_ROOM` when not watching.' },
);

const Count = Type.Integer({ minimum: 0 });
const PerSecond = Type.Number({ minimum: 0, description: 'Per second, averaged over the interval' });
const Seconds = Type.Number({ minimum: 0, description: 'Seconds' });
/** A metric's label value (a refusal reason, a close code) to a count within the interval. */
const countsByLabel = (description: string) =>
  Type.Record(Type.String({ maxLength: 64 }), Count, { description });

export const ConsoleRoomFigure = Type.Object({
  name: RoomName,
  members: Type.Integer({ minimum: 0, description: "The room's members on the node" }),
});
export type ConsoleRoomFigure = Static<typeof ConsoleRoomFigure>;

export const ConsoleSampleMessage = Type.Object(
  {
    type: Type.Literal('console-sample'),
    node: Type.String({ minLength: 1, maxLength: 128, description: 'The node that measured this sample' }),
    at: Type.Integer({
      minimum: 0,
      description: 'When the sample was taken, in milliseconds since the Unix epoch',
    }),
    intervalSeconds: Type.Number({ exclusiveMinimum: 0, description: 'The span the rates and counts cover' }),
    connections: Type.Object(
      { ws: Count, 'socket.io': Count },
      { description: 'Open connections by transport (`pulse_connections{transport}`)' },
    ),
    roomCount: Type.Integer({ minimum: 0, description: 'Rooms with members on the node (`pulse_rooms`)' }),
    memberCount: Type.Integer({
      minimum: 0,
      description: 'Room memberships on the node (`pulse_room_members`)',
    }),
    rooms: Type.Array(ConsoleRoomFigure, {
      maxItems: CONSOLE_SAMPLE_MAX_ROOMS,
      description: `The node's rooms with the most members, at most ${CONSOLE_SAMPLE_MAX_ROOMS}, busiest first`,
    }),
    messagesInPerSecond: Type.Number({
      minimum: 0,
      description: 'Inbound messages (`pulse_messages_in_total`) per second',
    }),
    messagesOutPerSecond: Type.Number({
      minimum: 0,
      description: 'Room events handed to local sockets (`pulse_deliveries_total`) per second',
    }),
    fanout: Type.Union(
      [Type.Object({ p50: Seconds, p95: Seconds, p99: Seconds, perSecond: PerSecond }), Type.Null()],
      {
        description:
          'Fan-out latency percentiles in the interval (`pulse_fanout_seconds`), interpolated within the histogram buckets as ' +
          'Prometheus `histogram_quantile` does; null when nothing was fanned out in the interval',
      },
    ),
    redis: Type.Union(
      [
        Type.Null(),
        Type.Object({
          up: Type.Boolean({ description: '`pulse_redis_up`' }),
          lagSeconds: Type.Union([Seconds, Type.Null()], {
            description:
              'The latest pub/sub probe round trip (`pulse_redis_pubsub_last_lag_seconds`), null before the first',
          }),
        }),
      ],
      { description: 'null on a node without Redis' },
    ),
    refusedUpgrades: countsByLabel(
      'Upgrades refused in the interval, by reason (`pulse_upgrades_refused_total{reason}`); reasons with none are left out',
    ),
    closes: countsByLabel(
      'Connections closed in the interval, by close code (`pulse_closes_total{code}`); codes with none are left out',
    ),
  },
  {
    description: "One node's figures, sent to watching admins once per interval (the console's live charts).",
  },
);
export type ConsoleSampleMessage = Static<typeof ConsoleSampleMessage>;
