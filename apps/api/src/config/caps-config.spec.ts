import { DEFAULT_CAP_OPTIONS } from '@pulse/gateway';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig: caps', () => {
  it("defaults to the gateway's own caps, and reads each variable", () => {
    const { maxTrackedUsers: _kept, ...gatewayDefaults } = DEFAULT_CAP_OPTIONS;
    expect(loadConfig({}).caps).toEqual(gatewayDefaults);
    expect(
      loadConfig({
        MAX_ROOMS_PER_CONNECTION: '8',
        MAX_CONNECTIONS_PER_USER: '2',
        RATE_LIMIT_ROOM_CREATIONS_PER_MINUTE: '0',
      }).caps,
    ).toEqual({
      maxRoomsPerConnection: 8,
      maxConnectionsPerUser: 2,
      roomCreationsPerMinute: 0,
    });
  });

  it('refuses a room cap too small for the web app: every ticker symbol plus a game room', () => {
    expect(() => loadConfig({ MAX_ROOMS_PER_CONNECTION: '3' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_ROOMS_PER_CONNECTION: '3' })).toThrow(
      /MAX_ROOMS_PER_CONNECTION: 3 is too few for the web app/,
    );
    expect(loadConfig({ MAX_ROOMS_PER_CONNECTION: '4' }).caps.maxRoomsPerConnection).toBe(4);
    expect(loadConfig({ MAX_ROOMS_PER_CONNECTION: '0' }).caps.maxRoomsPerConnection).toBe(0);
    expect(() => loadConfig({ MAX_CONNECTIONS_PER_USER: '-1' })).toThrow(/MAX_CONNECTIONS_PER_USER/);
  });
});
