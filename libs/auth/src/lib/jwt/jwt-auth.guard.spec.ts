import { type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AuthenticatedUser } from '../authenticated-user';
import { AccessTokenVerifier } from './access-token.verifier';
import { bearerToken, JwtAuthGuard } from './jwt-auth.guard';

const alice: AuthenticatedUser = { id: 'alice', name: 'Alice', roles: [] };

class OnlyGoodToken extends AccessTokenVerifier {
  readonly seen: string[] = [];
  async verify(rawToken: string): Promise<AuthenticatedUser> {
    this.seen.push(rawToken);
    if (rawToken !== 'good') throw new UnauthorizedException();
    return alice;
  }
}

function contextFor(request: object): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('JwtAuthGuard', () => {
  it('puts the verified user on the request', async () => {
    const request: { headers: object; user?: AuthenticatedUser } = { headers: { authorization: 'Bearer good' } };
    await expect(new JwtAuthGuard(new OnlyGoodToken()).canActivate(contextFor(request))).resolves.toBe(true);
    expect(request.user).toEqual(alice);
  });

  it('answers 401 without a bearer token, without asking the verifier', async () => {
    const verifier = new OnlyGoodToken();
    const guard = new JwtAuthGuard(verifier);
    for (const headers of [{}, { authorization: 'Basic good' }, { authorization: 'good' }]) {
      await expect(guard.canActivate(contextFor({ headers }))).rejects.toBeInstanceOf(UnauthorizedException);
    }
    expect(verifier.seen).toEqual([]);
  });

  it('answers 401 when the verifier refuses the token', async () => {
    const request: { headers: object; user?: AuthenticatedUser } = { headers: { authorization: 'Bearer forged' } };
    await expect(new JwtAuthGuard(new OnlyGoodToken()).canActivate(contextFor(request))).rejects.toBeInstanceOf(UnauthorizedException);
    expect(request.user).toBeUndefined();
  });
});

describe('bearerToken', () => {
  it('reads the scheme case-insensitively, as passport-jwt did', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('BEARER   abc')).toBe('abc');
  });

  it('finds nothing in another scheme or a bare value', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('abc')).toBeUndefined();
  });
});
