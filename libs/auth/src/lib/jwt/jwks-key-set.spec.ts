import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksKeySet, SigningKeyError } from './jwks-key-set';

describe('JwksKeySet (jose createRemoteJWKSet)', () => {
  let server: Server;
  let uri: string;
  let answer: { status: number; keys: JsonWebKey[] } = { status: 200, keys: [] };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.statusCode = answer.status;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: answer.keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signing = { ...publicKey.export({ format: 'jwk' }), kid: 'sig-1', use: 'sig' };
  const encryption = { ...publicKey.export({ format: 'jwk' }), kid: 'enc-1', use: 'enc' };

  it('hands out the public key named by kid as a node KeyObject, the same object every time', async () => {
    answer = { status: 200, keys: [signing] };
    const keys = new JwksKeySet({ uri });
    const first = await keys.key('sig-1', 'RS256');
    expect(first.type).toBe('public');
    expect(first.export({ format: 'jwk' })).toMatchObject({ n: signing.n, e: signing.e });
    expect(await keys.key('sig-1', 'RS256')).toBe(first);
    expect(keys.fetches).toBe(1);
  });

  it('never verifies with an encryption key or with a key of the wrong type for the algorithm', async () => {
    answer = { status: 200, keys: [encryption, signing] };
    const keys = new JwksKeySet({ uri });
    await expect(keys.key('enc-1', 'RS256')).rejects.toBeInstanceOf(SigningKeyError);
    await expect(keys.key('sig-1', 'ES256')).rejects.toThrow('unknown signing key');
  });

  it('keeps verifying with the keys fetched last while the provider answers errors', async () => {
    answer = { status: 200, keys: [signing] };
    const keys = new JwksKeySet({ uri, maxAgeMs: 0 });
    const key = await keys.key('sig-1', 'RS256');
    answer = { status: 503, keys: [] };
    expect(await keys.key('sig-1', 'RS256')).toEqual(key);
    expect(keys.fetches).toBe(2);
  });

  it('answers a SigningKeyError, never a crash, when the provider never answered', async () => {
    answer = { status: 500, keys: [] };
    const keys = new JwksKeySet({ uri });
    await expect(keys.key('sig-1', 'RS256')).rejects.toThrow(new SigningKeyError('signing keys unavailable'));
  });
});
