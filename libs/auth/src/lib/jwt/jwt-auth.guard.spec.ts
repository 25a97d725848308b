import { UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import { InMemoryRefreshTokenStore } from '../refresh/in-memory-refresh-token.store';
import { InMemoryRevocationStore } from '../revocation/in-memory-revocation.store';
import { RevocationList } from '../revocation/revocation-list';
import { AccessTokenKeys } from './access-token-keys';
import { AccessTokenVerifier } from './access-token.verifier';
import { JwtAuthGuard } from './jwt-auth.guard';

const SECRET = 'guard-spec-secret-that-is-long-enough-too';
const options: AuthOptions = {
  jwtSecret: SECRET,
  accessTokenTtlSeconds: 3600,
  ticketTtlSeconds: 30,
  devLogin: true,
  allowedOrigins: [],
};
const revocations = new RevocationList(
  new InMemoryRevocationStore(),
  new InMemoryRefreshTokenStore(),
  options,
);
const guard = new JwtAuthGuard(new AccessTokenVerifier(options, new AccessTokenKeys(options), revocations));
const hs = new JwtService({ secret: SECRET });

type Request = { headers: Record<string, string>; user?: AuthenticatedUser };

function contextOf(request: Request): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

async function refusal(request: Request): Promise<string> {
  const error = await guard.canActivate(contextOf(request)).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof UnauthorizedException)) throw new Error('expected a 401');
  return error.message;
}

describe('JwtAuthGuard', () => {
  it('lets a request with a good bearer token through and sets request.user', async () => {
    const request: Request = {
      headers: { authorization: `Bearer ${hs.sign({ sub: 'bob' }, { expiresIn: 60 })}` },
    };
    await expect(guard.canActivate(contextOf(request))).resolves.toBe(true);
    expect(request.user).toMatchObject({ id: 'bob' });
  });

  it('accepts the scheme in any case, as RFC 7235 has it', async () => {
    const request: Request = {
      headers: { authorization: `bearer ${hs.sign({ sub: 'bob' }, { expiresIn: 60 })}` },
    };
    await expect(guard.canActivate(contextOf(request))).resolves.toBe(true);
  });

  it('answers 401 without a header, with another scheme, or with a bad token, naming nothing', async () => {
    const token = hs.sign({ sub: 'bob' }, { expiresIn: 60 });
    expect(await refusal({ headers: {} })).toBe('Unauthorized');
    expect(await refusal({ headers: { authorization: `Basic ${token}` } })).toBe('Unauthorized');
    expect(await refusal({ headers: { authorization: `Bearer ${token}x` } })).toBe('Unauthorized');
  });

  it('says why a well-signed token is refused: no exp, or revoked', async () => {
    expect(await refusal({ headers: { authorization: `Bearer ${hs.sign({ sub: 'bob' })}` } })).toBe(
      'access token has no "exp"',
    );
    const token = hs.sign({ sub: 'carol', iat: Date.now() / 1000 - 10 }, { expiresIn: 60 });
    await revocations.revoke('carol');
    expect(await refusal({ headers: { authorization: `Bearer ${token}` } })).toBe('access token revoked');
  });
});
