import type { ServerKind } from '../servers/server-kind';

/** What the pinger process is told at start (as JSON in PINGER_CONFIG). */
export interface PingerConfig {
  kind: ServerKind;
  baseUrl: string;
  jwtSecret: string;
  /** Index of its first user (after the soak's idle users). */
  firstIndex: number;
  count: number;
  idPadTo: number;
}

/** Parent to pinger. */
export type PingerRequest = { type: 'sample' };

/** Pinger to parent. */
export type PingerReport =
  | { type: 'ready'; opened: number; failures: number; firstError?: string }
  | {
      type: 'sample';
      rttP50Ms: number;
      rttP99Ms: number;
      rttMaxMs: number;
      pongs: number;
      loopP99Ms: number;
      loopMaxMs: number;
    };
