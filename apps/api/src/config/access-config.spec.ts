import { resolveRateLimitOptions } from '@pulse/gateway';
import { loadConfig } from './load-config';

describe('loadConfig: identity provider, limits and sessions', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      jwt: {
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'],
        clockSkewSeconds: 30,
        rolesClaim: 'roles',
      },
      rateLimits: {
        upgradeFailuresPerMinute: 60,
        ticketsPerMinute: 120,
        messagesPerSecond: 128,
        trustedProxies: [],
      },
      reauthGraceSeconds: 30,
    });
    expect(loadConfig({}).jwt.jwksUri).toBeUndefined();
    // the app's default is the gateway's own, so a kit user and the API refuse the same traffic
    expect(loadConfig({}).rateLimits.messagesPerSecond).toBe(resolveRateLimitOptions().messagesPerSecond);
  });

  it('reads an identity provider', () => {
    const config = loadConfig({
      JWT_JWKS_URI: 'https://idp.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'pulse',
      JWT_ALGORITHMS: 'RS256, ES256',
      JWT_CLOCK_SKEW_SECONDS: '5',
      JWT_ROLES_CLAIM: 'realm_access.roles',
      RATE_LIMIT_MESSAGES_PER_SECOND: '0',
    });
    expect(config.jwt).toEqual({
      jwksUri: 'https://idp.example/.well-known/jwks.json',
      issuer: 'https://idp.example',
      audience: 'pulse',
      algorithms: ['RS256', 'ES256'],
      clockSkewSeconds: 5,
      rolesClaim: 'realm_access.roles',
    });
    expect(config.rateLimits.messagesPerSecond).toBe(0);
  });

  it.each(['none', 'HS256', 'RS256,HS512', ' , '])(
    'refuses JWT_ALGORITHMS=%s: never none, never HS with an RS key',
    (value) => {
      expect(() => loadConfig({ JWT_ALGORITHMS: value })).toThrow(/JWT_ALGORITHMS/);
    },
  );

  it.each([
    ['JWT_JWKS_URI', 'ftp://idp.example/jwks'],
    ['JWT_CLOCK_SKEW_SECONDS', '3600'],
    ['RATE_LIMIT_TICKETS_PER_MINUTE', '-1'],
    ['REAUTH_GRACE_SECONDS', '0'],
    ['TRUSTED_PROXIES', '127.0.0.1, nginx.local'],
  ])('stops on a bad %s (%s)', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('takes TRUSTED_PROXIES as addresses, CIDR ranges and proxy-addr names, and names a bad entry', () => {
    const proxies = '10.0.0.2, 10.0.0.0/8, fd00::/8, loopback';
    expect(loadConfig({ TRUSTED_PROXIES: proxies }).rateLimits.trustedProxies).toEqual([
      '10.0.0.2',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 10.0.0.0/40' })).toThrow(
      /TRUSTED_PROXIES: "10.0.0.0\/40" is not an IP address, a CIDR range/,
    );
  });

  it('runs production on a JWKS without JWT_SECRET, but only over https', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_JWKS_URI: 'https://idp.example/jwks' }).devLogin).toBe(
      false,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_JWKS_URI: 'http://idp.example/jwks' })).toThrow(
      /JWT_JWKS_URI: must be an https URL/,
    );
  });
});
