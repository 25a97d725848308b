import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { WORKSPACE_ROOT } from '../packages/published-packages';

export interface Resolution {
  readonly name: string;
  /** Whether node_modules/<name> is a symlink (npm links workspaces and `file:` folders). */
  readonly symlink: boolean;
  /** Whether its real path is inside the consumer project. */
  readonly inside: boolean;
  /** Where the consumer's lock file says it came from. */
  readonly resolved: string | undefined;
  readonly link: boolean;
}

/** How each package in `names` got into `dir`'s node_modules. */
export function resolutionsIn(dir: string, names: readonly string[]): Resolution[] {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { resolved?: string; link?: boolean }>;
  };
  return names.map((name) => {
    const path = join(dir, 'node_modules', name);
    const entry = lock.packages[`node_modules/${name}`];
    return {
      name,
      symlink: lstatSync(path).isSymbolicLink(),
      inside: realpathSync(path).startsWith(realpathSync(dir) + sep),
      resolved: entry?.resolved,
      link: entry?.link === true,
    };
  });
}

/** Lock entries of `dir` that point into the workspace or are links. */
export function workspaceReferences(dir: string): string[] {
  const lock = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  const parsed = JSON.parse(lock) as { packages: Record<string, { link?: boolean }> };
  const links = Object.entries(parsed.packages)
    .filter(([, entry]) => entry.link === true)
    .map(([key]) => `link: ${key}`);
  return [...links, ...(lock.includes(WORKSPACE_ROOT) ? [`${WORKSPACE_ROOT} in package-lock.json`] : [])];
}

/** node_modules folders above `dir` that Node's resolution would also search. */
export function ancestorNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    if (existsSync(join(parent, 'node_modules'))) found.push(join(parent, 'node_modules'));
    if (dirname(parent) === parent) return found;
  }
}
