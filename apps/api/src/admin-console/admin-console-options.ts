import { hostname } from 'node:os';

export interface AdminConsoleOptions {
  /** How often the node sends its `console-sample`. @default 1000 */
  readonly intervalMs: number;
  /**
   * The name the node's samples carry.
   * @default `${hostname()}:${process.pid}`, with `#2`, `#3`... for further apps in the same process (tests)
   */
  readonly nodeId: string;
}

export const ADMIN_CONSOLE_OPTIONS = Symbol('PULSE_ADMIN_CONSOLE_OPTIONS');

/** The clock samples are stamped with (ms since the Unix epoch). */
export const ADMIN_CONSOLE_CLOCK = Symbol('PULSE_ADMIN_CONSOLE_CLOCK');

let appsInProcess = 0;

export function resolveAdminConsoleOptions(options: Partial<AdminConsoleOptions> = {}): AdminConsoleOptions {
  return { intervalMs: options.intervalMs ?? 1000, nodeId: options.nodeId ?? defaultNodeId() };
}

function defaultNodeId(): string {
  appsInProcess++;
  return `${hostname()}:${process.pid}${appsInProcess > 1 ? `#${appsInProcess}` : ''}`;
}
