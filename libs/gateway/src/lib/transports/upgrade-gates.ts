import { Inject, Injectable } from '@nestjs/common';
import { TicketUpgradeAuthorizer, type UpgradeAuthorizer } from '@pulse/auth';
import { CAP_OPTIONS, type CapOptions } from '../caps/cap-options';
import { ConnectionCapAuthorizer } from '../caps/connection-cap.authorizer';
import { ConnectionRegistry } from '../connection/connection-registry';
import { DrainService } from '../drain/drain.service';
import { PulseMetrics } from '../metrics/pulse-metrics';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from '../rate-limit/rate-limit-options';
import { ThrottledUpgradeAuthorizer } from '../rate-limit/throttled-upgrade.authorizer';
import { UpgradeGate } from './upgrade-gate';

/**
 * Makes the app's `UpgradeGate` around a decider (the ticket check unless the adapter was given another): the
 * per-address refusal budget (`RATE_LIMIT_UPGRADE_FAILURES_PER_MINUTE`), then the per-user connection cap outside
 * it, so a user over the cap does not use up the budget of everyone at the address; refusals while draining, and
 * every refusal counted in `pulse_upgrades_refused_total{reason}`.
 */
@Injectable()
export class UpgradeGates {
  constructor(
    @Inject(RATE_LIMIT_OPTIONS) private readonly limits: RateLimitOptions,
    @Inject(CAP_OPTIONS) private readonly caps: CapOptions,
    private readonly registry: ConnectionRegistry,
    private readonly drain: DrainService,
    private readonly metrics: PulseMetrics,
    @Inject(TicketUpgradeAuthorizer) private readonly tickets: UpgradeAuthorizer,
  ) {}

  gateFor(decider: UpgradeAuthorizer = this.tickets): UpgradeGate {
    const limits = this.limits;
    const throttled =
      limits.upgradeFailuresPerMinute > 0
        ? new ThrottledUpgradeAuthorizer(decider, {
            failuresPerMinute: limits.upgradeFailuresPerMinute,
            maxTrackedAddresses: limits.maxTrackedAddresses,
            trustedProxies: limits.trustedProxies,
          })
        : decider;
    return new UpgradeGate({
      authorizer: new ConnectionCapAuthorizer(throttled, this.registry, this.caps.maxConnectionsPerUser),
      isDraining: () => this.drain.draining,
      refused: (reason) => this.metrics.upgradesRefused.inc({ reason }),
    });
  }
}
