import { ConfigError, loadConfig } from './load-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('Redis configuration', () => {
  it('reads one primary, a cluster or Sentinel', () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.1:6379' })).toMatchObject({
      redis: { kind: 'primary', url: 'redis://10.0.0.1:6379' },
      redisShardedPubSub: false,
    });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002' })).toMatchObject({
      redis: {
        kind: 'cluster',
        nodes: [
          { host: 'redis-a', port: 7000 },
          { host: '10.0.0.2', port: 7001 },
          { host: '::1', port: 7002 },
        ],
      },
      redisShardedPubSub: true,
    });
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000', REDIS_SHARDED_PUBSUB: 'false' }).redisShardedPubSub,
    ).toBe(false);
    expect(
      loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'mymaster' }),
    ).toMatchObject({
      redis: {
        kind: 'sentinel',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        name: 'mymaster',
      },
      redisShardedPubSub: false,
    });
    expect(loadConfig({}).redis).toBeUndefined();
  });

  it('stops the boot naming both when two ways to reach Redis are set', () => {
    expect(problemsOf({ REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'b:2' })).toEqual([
      expect.stringMatching(/^REDIS_URL and REDIS_CLUSTER_NODES: set only one/),
    ]);
    expect(
      problemsOf({ REDIS_CLUSTER_NODES: 'b:2', REDIS_SENTINELS: 'c:3', REDIS_SENTINEL_NAME: 'm' })[0],
    ).toMatch(/^REDIS_CLUSTER_NODES and REDIS_SENTINELS/);
  });

  it('refuses sharded pub/sub without a cluster, bad addresses, and Sentinel without a name', () => {
    expect(problemsOf({ REDIS_URL: 'redis://a:1', REDIS_SHARDED_PUBSUB: 'true' })).toEqual([
      expect.stringMatching(/^REDIS_SHARDED_PUBSUB: true needs a Redis Cluster/),
    ]);
    expect(problemsOf({ REDIS_SHARDED_PUBSUB: 'true' })[0]).toMatch(/^REDIS_SHARDED_PUBSUB/);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a:7000,b' })).toEqual([
      'REDIS_CLUSTER_NODES: "b" is not host:port',
    ]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a:99999' })).toEqual([
      'REDIS_CLUSTER_NODES: "a:99999" is not host:port',
    ]);
    expect(problemsOf({ REDIS_SENTINELS: 's:26379' })).toEqual([
      expect.stringMatching(/^REDIS_SENTINEL_NAME: required/),
    ]);
    expect(problemsOf({ REDIS_SENTINEL_NAME: 'mymaster' })).toEqual([
      expect.stringMatching(/^REDIS_SENTINEL_NAME: only/),
    ]);
  });

  it('reads expiry, retention and the presence grace with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      roomIdleExpiryMs: 86_400_000,
      gamePlayerRetentionMs: 600_000,
      presenceGraceMs: 5000,
    });
    expect(
      loadConfig({ ROOM_IDLE_EXPIRY_MS: '2000', GAME_PLAYER_RETENTION_MS: '0', PRESENCE_GRACE_MS: '0' }),
    ).toMatchObject({
      roomIdleExpiryMs: 2000,
      gamePlayerRetentionMs: 0,
      presenceGraceMs: 0,
    });
    expect(problemsOf({ ROOM_IDLE_EXPIRY_MS: '10' })[0]).toMatch(/^ROOM_IDLE_EXPIRY_MS/);
  });
});
