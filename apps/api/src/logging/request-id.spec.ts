import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function exchange(given?: string | string[]) {
  const headers: Record<string, unknown> = {};
  const request = {
    headers: given === undefined ? {} : { 'x-request-id': given },
  } as unknown as IncomingMessage;
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = value),
  } as unknown as ServerResponse;
  return { id: requestIdFor(request, response), echoed: headers['x-request-id'] };
}

describe('requestIdFor', () => {
  it.each(['3f2b8c1e-0f4a-4c55-9f0e-5f1a2b3c4d5e', 'b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5', 'edge:7_a-9'])(
    'keeps a sane X-Request-Id (%s) and echoes it',
    (given) => {
      expect(exchange(given)).toEqual({ id: given, echoed: given });
    },
  );

  it.each([
    ['none', undefined],
    ['an empty one', ''],
    ['spaces', 'id with spaces'],
    ['a line break', 'abc\r\nSet-Cookie: x=y'],
    ['one too long', 'a'.repeat(129)],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig'],
    ['two of them', ['a', 'b']],
  ])('makes a new UUID for %s, and echoes that', (_, given) => {
    const { id, echoed } = exchange(given);
    expect(id).toMatch(UUID);
    expect(echoed).toBe(id);
  });
});
