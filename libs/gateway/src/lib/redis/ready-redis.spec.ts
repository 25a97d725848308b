import type { Redis } from 'ioredis';
import { requireReady, whileReady } from './ready-redis';
import { StoreUnavailableError } from './store-unavailable.error';

/** Only `status` is read; the command itself is the callback. */
const redisIn = (status: string) => ({ status }) as unknown as Redis;

describe('ready-redis', () => {
  it('refuses a Redis that is not ready before running anything', async () => {
    expect(() => requireReady(redisIn('reconnecting'))).toThrow(StoreUnavailableError);
    const command = jest.fn(async () => 'OK');
    await expect(whileReady(redisIn('connecting'), command)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(command).not.toHaveBeenCalled();
  });

  it('runs the command on a ready Redis and passes its result or its own error', async () => {
    await expect(whileReady(redisIn('ready'), async () => 42)).resolves.toBe(42);
    const scriptError = new Error('ERR script failed');
    await expect(whileReady(redisIn('ready'), () => Promise.reject(scriptError))).rejects.toBe(scriptError);
  });

  it('reports a failure as unavailability when the connection dropped meanwhile', async () => {
    const redis = { status: 'ready' } as { status: string };
    const failing = () => {
      redis.status = 'reconnecting';
      return Promise.reject(new Error('Connection is closed.'));
    };
    await expect(whileReady(redis as unknown as Redis, failing)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('reports a Redis failure as unavailability while the client still reads ready (the socket just died)', async () => {
    const closed = () => Promise.reject(new Error('Connection is closed.'));
    await expect(whileReady(redisIn('ready'), closed)).rejects.toBeInstanceOf(StoreUnavailableError);
    const readonly = () => Promise.reject(new Error("READONLY You can't write against a read only replica."));
    await expect(whileReady(redisIn('ready'), readonly)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
