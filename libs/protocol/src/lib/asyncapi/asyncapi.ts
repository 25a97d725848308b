import type { TObject, TSchema } from '@sinclair/typebox';
import { PulsePaths } from '../http-contract/auth.http';
import { MSGPACK_PROTOCOL } from '../msgpack-codec';
import { clientMessageSchemas, PROTOCOL_VERSION, serverMessageSchemas } from '../registry';
import type {
  AsyncApiChannel,
  AsyncApiDocument,
  AsyncApiMessage,
  AsyncApiOperation,
  AsyncApiServer,
  JsonSchema,
  Reference,
} from './asyncapi.types';
import { closeCodeSchema, closeCodeTable, errorCodeList, errorCodeSchema } from './code-docs';

export type * from './asyncapi.types';

export interface AsyncApiOptions {
  /**
   * Where the API is served, as a ws(s) URL: `wss://pulse.example.com`, or with a prefix the `/ws` channel sits
   * under (`wss://example.com/pulse`). Without it the document names no server.
   * @default undefined
   */
  serverUrl?: string;
  /** @default 'Pulse real-time API' */
  title?: string;
  /**
   * The document's version. The wire protocol's version is always in `info['x-pulse-protocol']`.
   * @default PROTOCOL_VERSION ('pulse.v1')
   */
  version?: string;
}

type Direction = 'client' | 'server';

interface RegistryEntry {
  readonly direction: Direction;
  readonly type: string;
  readonly schema: TObject;
  /** The key under `components.messages`, `components.schemas` and the channel's messages: `clientJoin`. */
  readonly key: string;
}

const CHANNEL = 'websocket';
const SERVER = 'pulse';
/** Socket.IO's default path, where the server serves it on the same port as `/ws`. */
const SOCKET_IO_PATH = '/socket.io';

const arrows: Readonly<Record<Direction, string>> = { client: 'client → server', server: 'server → client' };

function registryEntries(): RegistryEntry[] {
  const of = (direction: Direction, schemas: Readonly<Record<string, TObject>>): RegistryEntry[] =>
    Object.entries(schemas).map(([type, schema]) => ({
      direction,
      type,
      schema,
      key: `${direction}${type.charAt(0).toUpperCase()}${type.slice(1)}`,
    }));
  return [...of('client', clientMessageSchemas), ...of('server', serverMessageSchemas)];
}

function isJsonObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A TypeBox schema is JSON Schema plus symbol keys (`Kind`, `OptionalKind`); a JSON round trip drops those. */
export function toJsonSchema(schema: TSchema): JsonSchema {
  const plain: unknown = JSON.parse(JSON.stringify(schema));
  if (!isJsonObject(plain)) throw new TypeError('expected a TypeBox schema, which is a JSON object');
  return plain;
}

const ref = (path: string): Reference => ({ $ref: `#/${path}` });

function parseServerUrl(serverUrl: string): AsyncApiServer {
  const match = /^(wss?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/.exec(serverUrl);
  if (!match) throw new TypeError(`serverUrl must be a ws: or wss: URL without query, got ${serverUrl}`);
  const [, protocol, host, path = ''] = match;
  const pathname = path.replace(/\/+$/, '');
  return {
    host,
    protocol: protocol === 'wss' ? 'wss' : 'ws',
    ...(pathname === '' ? {} : { pathname }),
    description: 'The Pulse gateway: the WebSocket endpoint, and Socket.IO on the same port.',
  };
}

function messageOf(entry: RegistryEntry): AsyncApiMessage {
  const described = entry.schema.description ?? `The \`${entry.type}\` message.`;
  const errorCodes = entry.direction === 'server' && entry.type === 'error';
  const description = errorCodes
    ? `${described}\n\n\`code\` is one of ([ErrorCode](#/components/schemas/ErrorCode)):\n\n${errorCodeList()}`
    : described;
  const correlates = Object.prototype.hasOwnProperty.call(entry.schema.properties, 'id');
  return {
    name: entry.type,
    title: `${entry.type} (${arrows[entry.direction]})`,
    description,
    contentType: 'application/json',
    payload: ref(`components/schemas/${entry.key}`),
    ...(correlates
      ? {
          correlationId: {
            description:
              entry.direction === 'client'
                ? 'Optional client-chosen id; the `ack` or `error` answering the message carries it.'
                : 'The id of the client message this answers.',
            location: '$message.payload#/id',
          },
        }
      : {}),
  };
}

function operationOf(action: 'send' | 'receive', entries: readonly RegistryEntry[]): AsyncApiOperation {
  const direction: Direction = action === 'send' ? 'client' : 'server';
  const mine = entries.filter((entry) => entry.direction === direction);
  return {
    action,
    channel: ref(`channels/${CHANNEL}`),
    title: action === 'send' ? 'Send to the server' : 'Receive from the server',
    summary:
      action === 'send'
        ? 'Messages a client sends (client → server).'
        : 'Messages the server sends to a client (server → client).',
    description: `One JSON text frame per message: ${mine.map((entry) => `\`${entry.type}\``).join(', ')}.`,
    messages: mine.map((entry) => ref(`channels/${CHANNEL}/messages/${entry.key}`)),
  };
}

function channelOf(entries: readonly RegistryEntry[], withServer: boolean): AsyncApiChannel {
  return {
    address: PulsePaths.websocket,
    title: 'Native WebSocket',
    description:
      `The WebSocket endpoint. Open it with \`GET ${PulsePaths.websocket}?ticket=<ticket>\`; a missing or refused ` +
      'ticket fails the upgrade with 401. Every frame is a JSON text frame holding one message, an object whose ' +
      '`type` names it; binary frames are refused.\n\n' +
      `**MessagePack.** A client that offers the subprotocol \`${MSGPACK_PROTOCOL}\` (\`Sec-WebSocket-Protocol\`) gets ` +
      'every message as a binary frame holding its MessagePack encoding (a map with the same fields, so the same ' +
      'schemas apply), and may send its messages the same way; they are checked by the same validators. Without ' +
      `it (no subprotocol, or \`${PROTOCOL_VERSION}\`) the frames are JSON text.\n\n` +
      `The server closes with these codes ([CloseCode](#/components/schemas/CloseCode)):\n\n${closeCodeTable()}`,
    ...(withServer ? { servers: [ref(`servers/${SERVER}`)] } : {}),
    messages: Object.fromEntries(
      entries.map((entry) => [entry.key, ref(`components/messages/${entry.key}`)]),
    ),
    bindings: {
      ws: {
        method: 'GET',
        query: {
          type: 'object',
          properties: {
            ticket: {
              type: 'string',
              description:
                `Single-use, short-lived ticket from \`POST ${PulsePaths.ticket}\` (with \`Authorization: Bearer ` +
                '<access token>`), or the last `resume-ticket` the server sent on the previous connection. Fetch a fresh ' +
                'one for every connection attempt.',
            },
          },
          required: ['ticket'],
        },
        bindingVersion: '0.1.0',
      },
    },
  };
}

function documentDescription(entries: readonly RegistryEntry[]): string {
  const events = (direction: Direction) =>
    entries
      .filter((entry) => entry.direction === direction)
      .map((entry) => `\`${entry.type}\``)
      .join(', ');
  return [
    `Pulse's real-time protocol \`${PROTOCOL_VERSION}\`, generated from the message registry of \`@pulse/protocol\`.`,
    'It describes the API as a client sees it: operation `send` lists what a client sends, `receive` what the ' +
      'server sends to it.',
    '## Connecting',
    `1. \`POST ${PulsePaths.login}\` returns an access token.\n` +
      `2. \`POST ${PulsePaths.ticket}\` with \`Authorization: Bearer <access token>\` returns a single-use ticket.\n` +
      `3. Open the WebSocket \`${PulsePaths.websocket}?ticket=<ticket>\`, or Socket.IO (below).`,
    'After each `snapshot` and `resumed` (and again before it expires) the server sends a `resume-ticket`: a ' +
      'single-use ticket the client reconnects with, straight to step 3, skipping steps 1 and 2 until it is refused ' +
      '(HTTP 401 at the upgrade).',
    'A message the server refuses is answered with an `error` message and the connection stays open. A client ' +
      'message with an `id` is answered with an `ack` (or an `error`) carrying that id.',
    '## Socket.IO',
    `The same messages are served over Socket.IO at path \`${SOCKET_IO_PATH}\` on the same port, in the default ` +
      "namespace. The ticket goes in the Engine.IO handshake's URL, `query: { ticket }` (`?ticket=`); without a good " +
      'one no session is made (HTTP 401, 403, 429 or 503), which the client sees as ' +
      '`connect_error`. Every message is an event named by its `type`, whose single argument is the same object as ' +
      'on the WebSocket, `type` included:',
    "```js\nconst socket = io(origin, { path: '/socket.io', query: { ticket } });\n" +
      "socket.emit('join', { type: 'join', room: 'lobby' });\n" +
      "socket.on('move', (message) => { /* message.type === 'move' */ });\n```",
    `Client events: ${events('client')}. Server events: ${events('server')}.`,
  ].join('\n\n');
}

/** Builds the AsyncAPI 3.0.0 document of the protocol from the message registry. Pure: same options, same document. */
export function buildAsyncApiDocument(options: AsyncApiOptions = {}): AsyncApiDocument {
  const entries = registryEntries();
  const server = options.serverUrl === undefined ? undefined : parseServerUrl(options.serverUrl);
  return {
    asyncapi: '3.0.0',
    info: {
      title: options.title ?? 'Pulse real-time API',
      version: options.version ?? PROTOCOL_VERSION,
      description: documentDescription(entries),
      'x-pulse-protocol': PROTOCOL_VERSION,
    },
    defaultContentType: 'application/json',
    ...(server ? { servers: { [SERVER]: server } } : {}),
    channels: { [CHANNEL]: channelOf(entries, server !== undefined) },
    operations: { send: operationOf('send', entries), receive: operationOf('receive', entries) },
    components: {
      messages: Object.fromEntries(entries.map((entry) => [entry.key, messageOf(entry)])),
      schemas: {
        ...Object.fromEntries(entries.map((entry) => [entry.key, toJsonSchema(entry.schema)])),
        ErrorCode: errorCodeSchema(),
        CloseCode: closeCodeSchema(),
      },
    },
  };
}
