import { OptionalKind, type TObject } from '@sinclair/typebox';
import { CloseCode, ErrorCode } from '../codes';
import { clientMessageSchemas, PROTOCOL_VERSION, serverMessageSchemas } from '../registry';
import { buildAsyncApiDocument } from './asyncapi';
import type { AsyncApiDocument, JsonValue, Reference } from './asyncapi.types';

type JsonObject = { readonly [key: string]: JsonValue };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asJson(document: AsyncApiDocument): JsonObject {
  const json: unknown = JSON.parse(JSON.stringify(document));
  if (!isObject(json)) throw new Error('the document is not a JSON object');
  return json;
}

/** A tiny resolver for local JSON References (`#/a/b`, with RFC 6901 escapes). */
function resolve(root: JsonObject, ref: string): JsonValue | undefined {
  if (!ref.startsWith('#/')) return undefined;
  const keys = ref
    .slice(2)
    .split('/')
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: JsonValue | undefined = root;
  for (const key of keys)
    node = isObject(node) && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  return node;
}

function resolveObject(root: JsonObject, reference: Reference): JsonObject {
  const target = resolve(root, reference.$ref);
  if (!isObject(target)) throw new Error(`${reference.$ref} does not resolve to an object`);
  return target;
}

function asReference(value: JsonValue | undefined): Reference {
  const ref = isObject(value) ? value['$ref'] : undefined;
  if (typeof ref !== 'string') throw new Error('expected a reference');
  return { $ref: ref };
}

/** Every `$ref` string anywhere under `node`. */
function refsIn(node: JsonValue): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
}

function symbolsIn(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const own = Object.getOwnPropertySymbols(node).length;
  return own + Object.values(node).reduce<number>((sum, child) => sum + symbolsIn(child), 0);
}

const registry = [
  ...Object.entries(clientMessageSchemas).map(
    ([type, schema]) => ({ direction: 'client', type, schema }) as const,
  ),
  ...Object.entries(serverMessageSchemas).map(
    ([type, schema]) => ({ direction: 'server', type, schema }) as const,
  ),
];

function requiredOf(schema: TObject): string[] {
  return Object.entries(schema.properties)
    .filter(([, property]) => !(OptionalKind in property))
    .map(([key]) => key)
    .sort();
}

function constsOf(schema: JsonValue | undefined, keyword: 'oneOf' | 'anyOf'): JsonValue[] {
  if (!isObject(schema)) return [];
  const options = schema[keyword];
  return Array.isArray(options) ? options.map((option) => (isObject(option) ? option['const'] : null)) : [];
}

describe('buildAsyncApiDocument', () => {
  const document = buildAsyncApiDocument();
  const json = asJson(document);

  it('is an AsyncAPI 3.0.0 document of protocol pulse.v1, and plain JSON', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.info.version).toBe(PROTOCOL_VERSION);
    expect(document.info['x-pulse-protocol']).toBe('pulse.v1');
    expect(symbolsIn(document)).toBe(0);
    expect(json).toEqual(document);
    expect(buildAsyncApiDocument()).toEqual(document);
  });

  it('takes a title and version, but always names the wire protocol', () => {
    const custom = buildAsyncApiDocument({ title: 'Game API', version: '2.1.0' });
    expect(custom.info).toMatchObject({
      title: 'Game API',
      version: '2.1.0',
      'x-pulse-protocol': PROTOCOL_VERSION,
    });
  });

  it('has every registry message exactly once in components.messages, named by its type', () => {
    const messages = Object.values(document.components.messages);
    expect(messages).toHaveLength(registry.length);
    for (const { direction, type, schema } of registry) {
      const matching = messages.filter((message) => {
        const payload = resolveObject(json, message.payload);
        return message.name === type && JSON.stringify(payload) === JSON.stringify(schema);
      });
      expect({ direction, type, count: matching.length }).toEqual({ direction, type, count: 1 });
      expect(matching[0].description).toContain(schema.description);
    }
  });

  /** The message (as JSON) that an operation lists for a registry type: `send` holds client ones. */
  function messageFor(direction: 'client' | 'server', type: string): JsonObject {
    const operation = document.operations[direction === 'client' ? 'send' : 'receive'];
    const messages = operation.messages
      .map((reference) => resolveObject(json, asReference(resolveObject(json, reference))))
      .filter((message) => message['name'] === type);
    expect(messages).toHaveLength(1);
    return messages[0];
  }

  it('gives each message a payload that is the TypeBox schema as plain JSON, with the same required fields', () => {
    for (const { direction, type, schema } of registry) {
      const payloadRef = asReference(messageFor(direction, type)['payload']);
      const payload = resolveObject(json, payloadRef);
      const built = document.components.schemas[payloadRef.$ref.replace('#/components/schemas/', '')];
      expect(symbolsIn(built)).toBe(0);
      expect(JSON.parse(JSON.stringify(built))).toEqual(built);
      expect(built).toEqual(payload);
      expect(payload).toEqual(JSON.parse(JSON.stringify(schema)));
      const required = payload['required'];
      expect(Array.isArray(required) ? [...required].sort() : []).toEqual(requiredOf(schema));
      expect(resolve(json, `${payloadRef.$ref}/properties/type/const`)).toBe(type);
    }
  });

  it("carries the schemas' descriptions, and a correlation id where the message has an id", () => {
    for (const { direction, type, schema } of registry) {
      const message = messageFor(direction, type);
      expect(message['description']).toEqual(expect.stringContaining(schema.description ?? '-'));
      expect('correlationId' in message).toBe('id' in schema.properties);
    }
  });

  it("documents the snapshot's board size as an optional field, so clients that do not know it keep working", () => {
    const payloadRef = asReference(messageFor('server', 'snapshot')['payload']);
    const board = resolve(json, `${payloadRef.$ref}/properties/board`);
    expect(board).toMatchObject({
      type: 'object',
      required: ['width', 'height'],
      properties: { width: { type: 'integer', minimum: 1 }, height: { type: 'integer', minimum: 1 } },
    });
    expect(resolve(json, `${payloadRef.$ref}/required`)).not.toContain('board');
  });

  it('has no dangling references', () => {
    const refs = refsIn(json);
    expect(refs.length).toBeGreaterThan(registry.length * 2);
    for (const ref of refs)
      expect({ ref, resolves: isObject(resolve(json, ref)) }).toEqual({ ref, resolves: true });
    expect(resolve(json, '#/components/messages/nope')).toBeUndefined();
  });

  it('sends client messages and receives server messages on the /ws channel, through the channel', () => {
    const channel = document.channels['websocket'];
    expect(channel.address).toBe('/ws');
    expect(channel.bindings.ws.query).toMatchObject({
      required: ['ticket'],
      properties: { ticket: { type: 'string' } },
    });
    const namesOf = (action: 'send' | 'receive') => {
      const operation = document.operations[action];
      expect(operation.action).toBe(action);
      expect(operation.channel.$ref).toBe('#/channels/websocket');
      return operation.messages.map((reference) => {
        expect(reference.$ref.startsWith('#/channels/websocket/messages/')).toBe(true);
        const message = resolveObject(json, asReference(resolveObject(json, reference)));
        return message['name'];
      });
    };
    expect(namesOf('send')).toEqual(Object.keys(clientMessageSchemas));
    expect(namesOf('receive')).toEqual(Object.keys(serverMessageSchemas));
  });

  it('documents every error code and close code, matching codes.ts and the error message', () => {
    expect(constsOf(resolve(json, '#/components/schemas/ErrorCode'), 'oneOf')).toEqual(
      Object.values(ErrorCode),
    );
    expect(constsOf(resolve(json, '#/components/schemas/CloseCode'), 'oneOf')).toEqual(
      Object.values(CloseCode),
    );
    expect(constsOf(resolve(json, '#/components/schemas/serverError/properties/code'), 'anyOf')).toEqual(
      Object.values(ErrorCode),
    );
    expect(document.components.messages['serverError'].description).toContain('`RATE_LIMITED`');
    expect(document.channels['websocket'].description).toContain('| 4003 | `AUTH_REVOKED` |');
  });

  it('describes the Socket.IO mapping: path, handshake ticket, events named by type carrying the same object', () => {
    const description = document.info.description;
    expect(description).toContain('`/socket.io`');
    expect(description).toContain("handshake's URL, `query: { ticket }`");
    expect(description).toContain('`connect_error`');
    expect(description).toContain("socket.emit('join', { type: 'join', room: 'lobby' })");
    for (const { type } of registry) expect(description).toContain(`\`${type}\``);
  });

  it('describes the negotiated MessagePack encoding and the resume ticket', () => {
    const channel = document.channels['websocket'];
    expect(channel.description).toContain('`pulse.v1.msgpack`');
    expect(channel.description).toContain('MessagePack encoding');
    expect(document.info.description).toContain('`resume-ticket`');
    expect(document.components.messages['serverResume-ticket']).toMatchObject({ name: 'resume-ticket' });
  });

  it('names a server only when given its URL, keeping a path prefix', () => {
    expect(document.servers).toBeUndefined();
    expect(document.channels['websocket'].servers).toBeUndefined();
    const hosted = buildAsyncApiDocument({ serverUrl: 'wss://pulse.example:8443/api/' });
    expect(hosted.servers).toEqual({
      pulse: {
        host: 'pulse.example:8443',
        protocol: 'wss',
        pathname: '/api',
        description: expect.any(String),
      },
    });
    expect(resolve(asJson(hosted), hosted.channels['websocket'].servers?.[0].$ref ?? '')).toMatchObject({
      protocol: 'wss',
    });
    expect(buildAsyncApiDocument({ serverUrl: 'ws://localhost:3000' }).servers?.['pulse']).not.toHaveProperty(
      'pathname',
    );
    expect(() => buildAsyncApiDocument({ serverUrl: 'https://pulse.example' })).toThrow(TypeError);
  });
});
