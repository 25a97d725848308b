import { userFromClaims } from './user-from-claims';

describe('userFromClaims', () => {
  it('reads sub, name, roles and exp', () => {
    expect(userFromClaims({ sub: 'alice', name: 'Alice', roles: ['admin'], exp: 100 })).toEqual({
      id: 'alice',
      name: 'Alice',
      roles: ['admin'],
      expiresAt: 100_000,
    });
  });

  it('refuses claims without a usable sub', () => {
    expect(userFromClaims({ name: 'x' })).toBeNull();
    expect(userFromClaims({ sub: '' })).toBeNull();
    expect(userFromClaims({ sub: 'x'.repeat(129) })).toBeNull();
    expect(userFromClaims({ sub: 42 })).toBeNull();
  });

  it('takes roles from a configured claim name, even one with dots in it', () => {
    const claims = { sub: 'a', 'https://pulse.example/roles': ['admin'], roles: ['ignored'] };
    expect(userFromClaims(claims, 'https://pulse.example/roles')?.roles).toEqual(['admin']);
  });

  it('takes roles from a dotted path (Keycloak realm_access.roles)', () => {
    const claims = { sub: 'a', realm_access: { roles: ['admin', 'player'] } };
    expect(userFromClaims(claims, 'realm_access.roles')?.roles).toEqual(['admin', 'player']);
  });

  it('splits a space-separated roles string and drops anything that is not a role', () => {
    expect(userFromClaims({ sub: 'a', groups: 'admin  ops' }, 'groups')?.roles).toEqual(['admin', 'ops']);
    expect(userFromClaims({ sub: 'a', roles: ['ok', 7, null, ''] })?.roles).toEqual(['ok']);
    expect(userFromClaims({ sub: 'a', roles: { admin: true } })?.roles).toEqual([]);
    expect(userFromClaims({ sub: 'a' }, 'realm_access.roles')?.roles).toEqual([]);
  });
});
