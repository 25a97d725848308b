import type { BenchClient } from '../clients/bench-client';

/** Every client a run opened, so the runner can drop them all when the run ends, however it ends. */
export class ClientBag {
  private readonly clients: BenchClient[] = [];

  add(client: BenchClient): BenchClient {
    this.clients.push(client);
    return client;
  }

  get size(): number {
    return this.clients.length;
  }

  closeAll(): void {
    for (const client of this.clients.splice(0)) client.close();
  }
}
