import type { RevokedHandler, UserRevocationBus } from './user-revocation.bus';

/** One node: a revocation reaches this process only. */
export class LocalUserRevocationBus implements UserRevocationBus {
  private handler: RevokedHandler = () => undefined;

  onRevoked(handler: RevokedHandler): void {
    this.handler = handler;
  }

  async publish(userId: string): Promise<void> {
    this.handler(userId);
  }
}
