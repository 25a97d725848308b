import { fork } from 'node:child_process';
import { join } from 'node:path';
import { withTimeout } from '../clients/with-timeout';
import { reapOnExit } from '../servers/child-reaper';
import type { PingerConfig, PingerReport, PingerRequest } from './pinger-messages';

type Sample = Extract<PingerReport, { type: 'sample' }>;

export interface Pinger {
  readonly opened: number;
  /** Round trips and the pinger's own loop delay since the previous sample. */
  sample(): Promise<Sample>;
  stop(): void;
}

const TIMEOUT_MS = 60_000;

/** Starts the pinger process (it inherits this process's CPU pinning) and waits until its clients are open. */
export async function startPinger(config: PingerConfig): Promise<Pinger> {
  const child = fork(join(__dirname, 'pinger.process.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { PATH: process.env['PATH'], PINGER_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  reapOnExit(child);
  const next = <T extends PingerReport['type']>(type: T): Promise<Extract<PingerReport, { type: T }>> =>
    withTimeout(
      new Promise((resolve, reject) => {
        const onMessage = (message: PingerReport): void => {
          if (message.type !== type) return;
          child.off('message', onMessage);
          resolve(message as Extract<PingerReport, { type: T }>);
        };
        child.on('message', onMessage);
        child.once('exit', (code) => reject(new Error(`pinger exited (${code})`)));
      }),
      TIMEOUT_MS,
      `pinger ${type}`,
    );
  const ready = await next('ready');
  if (ready.opened === 0) throw new Error(`pinger: no client opened (${ready.firstError})`);
  return {
    opened: ready.opened,
    sample: () => {
      const answer = next('sample');
      child.send({ type: 'sample' } satisfies PingerRequest);
      return answer;
    },
    stop: () => {
      child.kill('SIGKILL');
    },
  };
}
