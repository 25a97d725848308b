import { spawn, type ChildProcess } from 'node:child_process';

const KEPT_OUTPUT_CHARS = 20_000;

/** A long-running command (a server) in a process group of its own. */
export interface ServedProcess {
  readonly child: ChildProcess;
  /** The first match of `ready` in its output; rejects if it exits first or `timeoutMs` passes. */
  readonly ready: Promise<RegExpExecArray>;
  output(): string;
  /** SIGKILL to the whole group; a no-op once it is gone. */
  stop(): void;
}

export function serve(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number },
): ServedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
  };
  const ready = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${command} ${args.join(' ')}: not ready within ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
      const match = options.ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${command} ${args.join(' ')} exited (${signal ?? code}) before it was ready:\n${output}`),
      );
    });
  });
  ready.catch(() => undefined);
  return { child, ready, output: () => output, stop };
}
