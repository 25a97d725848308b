import { clientMessageSchemas, serverMessageSchemas } from '../registry';
import { compiledChecks } from './compiled-checks';
import { interpretedChecks } from './interpreted-checks';
import type { MessageCheck } from './message-check';

const validClientMessages: Record<string, unknown>[] = [
  { type: 'join', room: 'r1' },
  { type: 'join', room: 'ticker:ACME', id: 'abc' },
  { type: 'leave', room: 'r1' },
  { type: 'move', room: 'r1', x: 10, y: 20 },
  { type: 'move', room: 'r1', x: -3.5, y: 0, id: 'm-1' },
  { type: 'ping', t: 123 },
  { type: 'chat', room: 'r1', text: 'hello', id: 'c1' },
  { type: 'typing', room: 'r1', active: true },
  { type: 'cursor', room: 'r1', x: 3.25, y: 0 },
];

const validServerMessages: Record<string, unknown>[] = [
  {
    type: 'snapshot',
    room: 'r1',
    self: 'alice',
    seq: 3,
    players: [{ id: 'alice', name: 'alice', x: 1, y: 2, online: true }],
  },
  { type: 'presence', room: 'r1', player: 'bob', status: 'online', name: 'Bob', x: 0, y: 0, seq: 4 },
  { type: 'pong', t: 123 },
  { type: 'cursor', room: 'r1', player: 'bob', x: 31.99, y: 23.5 },
  { type: 'ack', id: 'abc' },
  { type: 'error', code: 'NOT_IN_ROOM', message: 'join the room first', id: 'abc' },
  {
    type: 'batch',
    messages: [
      { type: 'pong', t: 1 },
      { type: 'ack', id: 'a' },
    ],
  },
];
const validMessages = [...validClientMessages, ...validServerMessages];

const oddValues: unknown[] = [
  undefined,
  null,
  '',
  'x'.repeat(300),
  -1,
  1e12,
  Number.NaN,
  true,
  [],
  {},
  [1],
  { type: 'join' },
];

/** Every valid message, then each with one field replaced by each odd value (or removed), then odd top-level values. */
function corpus(): unknown[] {
  const values: unknown[] = [...validMessages, ...oddValues];
  for (const message of validMessages) {
    for (const key of Object.keys(message)) {
      for (const odd of oddValues) {
        const copy: Record<string, unknown> = { ...message, [key]: odd };
        if (odd === undefined) delete copy[key];
        values.push(copy);
      }
    }
    values.push({ ...message, extra: 1 });
  }
  return values;
}

function firstError(check: MessageCheck, value: unknown): { path: string; message: string } | undefined {
  const first = check.Errors(value).First();
  return first && { path: first.path, message: first.message };
}

describe.each([
  ['client', clientMessageSchemas],
  ['server', serverMessageSchemas],
])('interpreted checks (browsers, no eval) against compiled checks (Node), %s messages', (_side, schemas) => {
  const compiled = compiledChecks(schemas);
  const interpreted = interpretedChecks(schemas);
  const values = corpus();

  it('exist for the same message types', () => {
    expect(Object.keys(interpreted).sort()).toEqual(Object.keys(compiled).sort());
  });

  it.each(Object.keys(schemas))(
    'agree on every value of the corpus for %s, answer and first error',
    (type) => {
      let accepted = 0;
      for (const value of values) {
        const answer = compiled[type].Check(value);
        expect(interpreted[type].Check(value)).toBe(answer);
        expect(firstError(interpreted[type], value)).toEqual(firstError(compiled[type], value));
        if (answer) accepted++;
      }
      expect(accepted).toBeLessThan(values.length);
    },
  );

  it('accept the valid messages of their side', () => {
    const mine = schemas === clientMessageSchemas ? validClientMessages : validServerMessages;
    for (const message of mine) {
      const type = message['type'] as string;
      expect(compiled[type].Check(message)).toBe(true);
      expect(interpreted[type].Check(message)).toBe(true);
    }
  });
});
