import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** The libraries published to npm, in the order they depend on each other. */
export const PUBLISHED_PACKAGES = [
  { project: 'protocol', name: '@pulse/protocol', root: 'libs/protocol' },
  { project: 'client', name: '@pulse/client', root: 'libs/client' },
  { project: 'auth', name: '@pulse/auth', root: 'libs/auth' },
  { project: 'gateway', name: '@pulse/gateway', root: 'libs/gateway' },
] as const;

export type PublishedPackage = (typeof PUBLISHED_PACKAGES)[number];

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  browser?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}
