import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { waitFor } from '../testing/wait-for';

describe('GET /readyz while Redis is down', () => {
  let redis: TestRedisServer;
  let api: TestApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    api = await startTestApp({ REDIS_URL: redis.url, JWT_SECRET: 'readiness-test-secret-long-enough-1' });
  });

  afterAll(async () => {
    await api.close();
    await redis.stop();
  });

  it("answers 503 with a reason that names the failure but not Redis' address", async () => {
    await expect(fetch(`${api.httpUrl}/readyz`).then((response) => response.status)).resolves.toBe(200);
    await redis.stop();
    await waitFor(
      async () => (await fetch(`${api.httpUrl}/readyz`)).status === 503,
      'the node to report not-ready',
    );
    // after the first reconnect attempt the reason is the connection error's code
    await waitFor(
      async () => /ECONNREFUSED/.test(await (await fetch(`${api.httpUrl}/readyz`)).text()),
      'the refused reconnect to show',
    );
    const body = await (await fetch(`${api.httpUrl}/readyz`)).text();
    expect(JSON.parse(body)).toEqual({
      status: 'not-ready',
      checks: { redis: expect.stringMatching(/^down: redis \w+: ECONNREFUSED$/), node: 'up' },
    });
    expect(body).not.toContain('127.0.0.1');
    expect(body).not.toContain(String(redis.port));
    await redis.restart();
    await waitFor(
      async () => (await fetch(`${api.httpUrl}/readyz`)).status === 200,
      'the node to be ready again',
    );
  });
});
