import type { AuthenticatedUser } from '../authenticated-user';
import type { AccessTokenClaims } from './access-token-claims';

const MAX_ID_LENGTH = 128;
const MAX_ROLES = 64;

/**
 * Maps verified claims to a user, or null when they name nobody usable. Roles come from `rolesClaim`: a claim
 * name (`roles`, `https://example.com/roles`) or, when no claim has that name, a dotted path (`realm_access.roles`);
 * its value is an array of strings or a space-separated string.
 */
export function userFromClaims(claims: AccessTokenClaims, rolesClaim = 'roles'): AuthenticatedUser | null {
  const { sub, name, exp } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_ID_LENGTH) return null;
  return {
    id: sub,
    name: typeof name === 'string' && name.length > 0 ? name.slice(0, MAX_ID_LENGTH) : sub,
    roles: rolesOf(claimAt(claims, rolesClaim)),
    ...(typeof exp === 'number' && Number.isFinite(exp) ? { expiresAt: exp * 1000 } : {}),
  };
}

function claimAt(claims: AccessTokenClaims, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, path)) return claims[path];
  let node: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key))
      return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function rolesOf(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
  return list
    .filter(
      (role): role is string => typeof role === 'string' && role.length > 0 && role.length <= MAX_ID_LENGTH,
    )
    .slice(0, MAX_ROLES);
}
