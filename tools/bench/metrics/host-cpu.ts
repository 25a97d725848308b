import { readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './clock-ticks';

/**
 * Busy CPU seconds of the whole machine so far (all CPUs; user, nice, system, irq, softirq, steal from the
 * `cpu` line of /proc/stat). Minus the server's and the generator's own CPU, it shows how much else ran.
 */
export function readHostBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / clockTicksPerSecond();
}
