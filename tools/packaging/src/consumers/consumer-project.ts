import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { PackedPackage } from '../packages/pack';
import { parseCommandLine, type CommandLine, type Recipe } from './docs-recipes';
import { isolatedEnv } from './isolated-env';

const run = promisify(execFile);

/** What `npm install` adds to every install of a recipe: the workspace's npm cache first, no audit or fund calls. */
export const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

/**
 * What stands in for the registry when a recipe installs `arg`: a `@pulse/*` package is its tarball and those of the
 * `@pulse/*` packages it depends on (which npm would otherwise fetch from the registry, where these are not).
 */
function tarballsFor(arg: string, tarballs: readonly PackedPackage[]): string[] {
  const packed = tarballs.find((t) => t.package.name === arg);
  if (!packed) return [arg];
  return [...packed.workspaceDependencies.flatMap((name) => tarballsFor(name, tarballs)), packed.tarball];
}

/**
 * Follows `recipe` in `dir`: writes its files and runs its commands in order, `npm install @pulse/x` installing the
 * packed tarball of `@pulse/x`. Every command but the last; the last starts the app, and is returned for the
 * caller to serve.
 */
export async function followRecipe(
  recipe: Recipe,
  dir: string,
  tarballs: readonly PackedPackage[],
  timeoutMs: number,
): Promise<{ serveCommand: CommandLine; ran: string[] }> {
  const commands = recipe.steps.filter((step) => step.kind === 'command');
  const last = commands[commands.length - 1];
  if (!last) throw new Error(`the recipe "${recipe.title}" has no commands`);
  const ran: string[] = [];
  for (const step of recipe.steps) {
    if (step.kind === 'file') {
      mkdirSync(dirname(join(dir, step.path)), { recursive: true });
      writeFileSync(join(dir, step.path), step.content);
      continue;
    }
    if (step === last) break;
    const { env, command, args } = parseCommandLine(step.line);
    const isInstall = command === 'npm' && args[0] === 'install';
    const finalArgs = isInstall
      ? [...new Set(args.flatMap((arg) => tarballsFor(arg, tarballs)))].concat(INSTALL_FLAGS)
      : args;
    try {
      await run(command, finalArgs, {
        cwd: dir,
        env: isolatedEnv(env),
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`"${step.line}" in ${dir} failed: ${String(error)}\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
    ran.push([command, ...finalArgs].join(' '));
  }
  return { serveCommand: parseCommandLine(last.line), ran };
}
