import type { AuthenticatedUser } from '../authenticated-user';
import type { AccessTokenClaims } from './access-token-claims';

const MAX_ID_LENGTH = 128;

/** Maps verified claims to a user, or null when they name nobody usable. */
export function userFromClaims(claims: AccessTokenClaims): AuthenticatedUser | null {
  const { sub, name, roles } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_ID_LENGTH) return null;
  return {
    id: sub,
    name: typeof name === 'string' && name.length > 0 ? name.slice(0, MAX_ID_LENGTH) : sub,
    roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [],
  };
}
