import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';

/**
 * The id of simulated client `index`: every client is its own user. `padTo` lengthens ids (up to the
 * protocol's 128 characters) to grow each relayed `move` frame, which carries the player id.
 */
export function userId(index: number, padTo = 0): string {
  const id = `bench-${index}`;
  return id.length >= padTo ? id : id + '-'.repeat(Math.min(128, padTo) - id.length);
}

const minters = new Map<string, TokenMinter>();

/**
 * Mints the HS256 access tokens Pulse expects (`sub` = user id), signed with the bench's JWT_SECRET, before any
 * timed window (`Connector.prepare`). The secret is a `KeyObject`: as a string, jsonwebtoken first tries to parse it
 * as a PEM key on every call, which made each signature cost about a millisecond. Tokens are kept for the whole
 * bench session (one minter per secret).
 */
export class TokenMinter {
  private readonly jwt: JwtService;
  private readonly cache = new Map<string, string>();

  private constructor(secret: string) {
    this.jwt = new JwtService({
      privateKey: createSecretKey(Buffer.from(secret, 'utf8')),
      signOptions: { algorithm: 'HS256', expiresIn: '2h' },
    });
  }

  static forSecret(secret: string): TokenMinter {
    let minter = minters.get(secret);
    if (!minter) minters.set(secret, (minter = new TokenMinter(secret)));
    return minter;
  }

  tokenFor(user: string): string {
    let token = this.cache.get(user);
    if (token === undefined) this.cache.set(user, (token = this.jwt.sign({ sub: user })));
    return token;
  }
}
