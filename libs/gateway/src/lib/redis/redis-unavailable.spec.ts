import { isRedisUnavailable } from './redis-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const named = (message: string, name: string) => Object.assign(new Error(message), { name });

describe('isRedisUnavailable', () => {
  it('takes what ioredis and Redis say when Redis cannot serve a command as unavailability', () => {
    for (const error of [
      new Error('Connection is closed.'),
      named(
        'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.',
        'MaxRetriesPerRequestError',
      ),
      withCode('connect ECONNREFUSED 127.0.0.1:6390', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      new Error("READONLY You can't write against a read only replica."),
      new Error('LOADING Redis is loading the dataset in memory'),
      new Error('Command timed out'),
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      new Error('Too many Cluster redirections. Last error: Error: Connection is closed.'),
    ]) {
      expect({ message: error.message, unavailable: isRedisUnavailable(error) }).toEqual({
        message: error.message,
        unavailable: true,
      });
    }
  });

  it('leaves errors of the command itself alone', () => {
    expect(
      isRedisUnavailable(new Error('ERR Error running script: user_script:3: attempt to index a nil value')),
    ).toBe(false);
    expect(
      isRedisUnavailable(new Error('WRONGTYPE Operation against a key holding the wrong kind of value')),
    ).toBe(false);
    expect(isRedisUnavailable('Connection is closed.')).toBe(false);
  });
});
