import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT } from './doc-commands';

export interface ShellCommand {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the shell is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * A documented command as a user's shell runs it: `sh -c TEXT` in the workspace root (or `cwd`), in a process group of its
 * own (like a terminal's foreground job, so a test can press Ctrl-C on the whole group). The environment is the
 * test's minus what jest sets for itself.
 */
export function runShell(text: string, env: Record<string, string> = {}, cwd: string = ROOT): ShellCommand {
  const base = { ...process.env };
  for (const name of ['NODE_ENV', 'JEST_WORKER_ID', 'REDIS_URL', 'JWT_SECRET', 'PORT']) delete base[name];
  const child = spawn('sh', ['-c', text], {
    cwd,
    env: { ...base, NO_COLOR: '1', ...env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close', not 'exit': the command has ended and everything it printed has been read (a process it started
  // that still holds the output open keeps it from closing).
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('close', (code, signal) => resolve(signal ?? code)),
  );
  return { child, output: () => output, exited };
}

/** Runs to the end (stdin closed at once) and resolves with the exit code and output. */
export async function runToEnd(
  text: string,
  env: Record<string, string> = {},
): Promise<{ code: unknown; output: string }> {
  const command = runShell(text, env);
  command.child.stdin?.end();
  const code = await command.exited;
  return { code, output: command.output() };
}

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly command: string;
}

function processTable(): ProcessInfo[] {
  const table: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      table.push({ pid: Number(entry), ppid: Number(ppid), state, command });
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

/** Every live descendant of `pid` (children, their children, ...), with its command line. */
export function descendants(pid: number): ProcessInfo[] {
  const table = processTable();
  const found: ProcessInfo[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = table.filter((info) => parents.has(info.ppid) && info.state !== 'Z');
    found.push(...children);
    parents = new Set(children.map((info) => info.pid));
  }
  return found;
}

/** Whether a process with this id is running (a zombie awaiting its parent's wait() counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
