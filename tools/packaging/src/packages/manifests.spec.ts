import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import {
  PUBLISHED_PACKAGES,
  WORKSPACE_ROOT,
  type Manifest,
  type PublishedPackage,
} from './published-packages';

const rootManifest = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as Manifest;
const manifestOf = (pkg: PublishedPackage) =>
  JSON.parse(readFileSync(join(WORKSPACE_ROOT, pkg.root, 'package.json'), 'utf8')) as Manifest;

/** The version the workspace installs of `name`: the root's dependency, or a published sibling's own version. */
function workspaceVersion(name: string): string | undefined {
  const sibling = PUBLISHED_PACKAGES.find((p) => p.name === name);
  if (sibling) return manifestOf(sibling).version;
  return rootManifest.dependencies?.[name] ?? rootManifest.devDependencies?.[name];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The packages the built JavaScript loads at run time (type-only imports are gone from it), by package name. */
function runtimeImports(pkg: PublishedPackage): string[] {
  const specifiers = new Set<string>();
  for (const file of filesUnder(join(WORKSPACE_ROOT, pkg.root, 'dist')).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(file, 'utf8');
    for (const pattern of [
      /\bfrom\s*["']([^"']+)["']/g,
      /\bimport\s*["']([^"']+)["']/g,
      /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    ]) {
      for (const [, specifier] of code.matchAll(pattern)) specifiers.add(specifier);
    }
  }
  return [...specifiers]
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]))
    .filter((name, index, all) => all.indexOf(name) === index)
    .sort();
}

describe.each(PUBLISHED_PACKAGES)('the published manifest of $name', (pkg) => {
  const manifest = manifestOf(pkg);

  it('is publishable: not private, an ES-module build with declarations behind `exports`, dist/ as its files', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.type).toBeUndefined(); // the source stays CommonJS for the workspace; dist/package.json makes dist/ ESM
    expect(manifest.exports).toEqual({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    });
    expect({ main: manifest.main, types: manifest.types }).toEqual({
      main: './dist/index.js',
      types: './dist/index.d.ts',
    });
    expect(manifest.files).toEqual(['dist', '!dist/**/*.tsbuildinfo']);
    expect(
      JSON.parse(readFileSync(join(WORKSPACE_ROOT, pkg.root, 'dist/package.json'), 'utf8')),
    ).toMatchObject({ type: 'module' });
  });

  it('declares every package its build loads, as a dependency or a peer, and nothing it does not load', () => {
    const declared = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ].sort();
    const loaded = runtimeImports(pkg);
    expect(loaded.filter((name) => !declared.includes(name))).toEqual([]);
    // Peers may be there for what the app shares with the package (Nest's reflect-metadata and rxjs, the collab helper's yjs).
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => !loaded.includes(name))).toEqual([]);
  });

  it('pins its dependencies to the versions the workspace installs, and asks peers for at least those', () => {
    for (const [name, version] of Object.entries(manifest.dependencies ?? {}))
      expect({ name, version }).toEqual({ name, version: workspaceVersion(name) });
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {}))
      expect({ name, range }).toEqual({ name, range: `^${workspaceVersion(name)}` });
  });

  it('keeps NestJS, Socket.IO, ioredis, rxjs and reflect-metadata as peers, so the app has one copy of each', () => {
    const shared = /^(@nestjs\/|socket\.io$|ioredis$|rxjs$|reflect-metadata$|passport$)/;
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => shared.test(name))).toEqual([]);
  });
});
