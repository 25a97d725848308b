import { verifyDevUser } from './dev-users';

describe('verifyDevUser', () => {
  it('accepts a dev user with the dev password', () => {
    expect(verifyDevUser('alice', 'pulse')).toEqual({ id: 'alice', name: 'Alice', roles: [] });
  });

  it('gives dave the admin role', () => {
    expect(verifyDevUser('dave', 'pulse')?.roles).toEqual(['admin']);
  });

  it.each([
    ['alice', 'wrong'],
    ['alice', ''],
    ['mallory', 'pulse'],
    ['alice', 'pulsepulse'],
  ])('refuses %s / %s', (username, password) => {
    expect(verifyDevUser(username, password)).toBeNull();
  });
});
