import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { RevocationList } from '@pulse/auth';
import { CloseCode } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { USER_REVOCATION_BUS, type UserRevocationBus } from './user-revocation.bus';

export interface Revocation {
  readonly userId: string;
  /** ms since the epoch: tokens issued and tickets minted at or before it are void. */
  readonly revokedAt: number;
}

/**
 * Revokes a user everywhere: records it (so their current tokens and tickets stop working, on every node), then
 * tells every node to close the user's sockets with 4003 (`AUTH_REVOKED`).
 */
@Injectable()
export class RevocationService {
  private readonly log = new Logger('Revocation');

  constructor(
    private readonly revocations: RevocationList,
    @Inject(USER_REVOCATION_BUS) private readonly bus: UserRevocationBus,
    private readonly registry: ConnectionRegistry,
  ) {
    bus.onRevoked((userId) => this.closeLocal(userId));
  }

  async revoke(userId: string): Promise<Revocation> {
    const revokedAt = await this.revocations.revoke(userId);
    try {
      await this.bus.publish(userId);
    } catch (error) {
      this.closeLocal(userId);
      if (error instanceof StoreUnavailableError)
        throw new ServiceUnavailableException('revoked here, but other nodes could not be told; retry');
      throw error;
    }
    return { userId, revokedAt };
  }

  /** Closes this node's connections of the user; returns how many. */
  closeLocal(userId: string): number {
    let closed = 0;
    for (const connection of [...this.registry.values()]) {
      if (connection.user.id !== userId) continue;
      connection.close(CloseCode.AUTH_REVOKED, 'revoked');
      closed++;
    }
    if (closed > 0) this.log.log({ msg: `closed ${closed} connection(s) of a revoked user`, userId });
    return closed;
  }
}
