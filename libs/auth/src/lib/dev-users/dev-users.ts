import { timingSafeEqual } from 'node:crypto';
import type { AuthenticatedUser } from '../authenticated-user';

/** The demo users of the dev login. Never enabled in production. */
export const DEV_USERS: readonly AuthenticatedUser[] = [
  { id: 'alice', name: 'Alice', roles: [] },
  { id: 'bob', name: 'Bob', roles: [] },
  { id: 'carol', name: 'Carol', roles: [] },
  { id: 'dave', name: 'Dave', roles: ['admin'] },
];

export const DEV_PASSWORD = 'pulse';

export function verifyDevUser(username: string, password: string): AuthenticatedUser | null {
  const user = DEV_USERS.find((candidate) => candidate.id === username);
  const expected = Buffer.from(DEV_PASSWORD);
  const given = Buffer.from(password);
  const passwordMatches = given.length === expected.length && timingSafeEqual(given, expected);
  return user && passwordMatches ? user : null;
}
