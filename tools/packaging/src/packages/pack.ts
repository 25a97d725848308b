import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  PUBLISHED_PACKAGES,
  WORKSPACE_ROOT,
  type Manifest,
  type PublishedPackage,
} from './published-packages';

const run = promisify(execFile);

export interface PackedPackage {
  readonly package: PublishedPackage;
  /** Absolute path of the tarball. */
  readonly tarball: string;
  /** The paths inside the tarball, relative to the package root. */
  readonly files: readonly string[];
  /** The other published packages it depends on. */
  readonly workspaceDependencies: readonly string[];
}

/** `npm pack` of every published library (already built) into `destination`, as a publish would pack it. */
export async function packAll(destination: string, env: NodeJS.ProcessEnv): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const pkg of PUBLISHED_PACKAGES) {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: join(WORKSPACE_ROOT, pkg.root),
      env,
    });
    const [report] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    const manifest = JSON.parse(
      readFileSync(join(WORKSPACE_ROOT, pkg.root, 'package.json'), 'utf8'),
    ) as Manifest;
    const workspaceDependencies = Object.keys(manifest.dependencies ?? {}).filter((name) =>
      PUBLISHED_PACKAGES.some((p) => p.name === name),
    );
    packed.push({
      package: pkg,
      tarball: join(destination, report.filename),
      files: report.files.map((file) => file.path).sort(),
      workspaceDependencies,
    });
  }
  return packed;
}
