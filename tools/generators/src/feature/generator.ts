import {
  formatFiles,
  generateFiles,
  joinPathFragments,
  logger,
  names,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { join } from 'node:path';
import type { FeatureGeneratorSchema } from './schema';
import {
  addExpectedTypes,
  addMessagesExport,
  addRegistryEntries,
  registerInAppModule,
} from './workspace-edits';

// Nx loads this TypeScript with swc and the root tsconfig (importHelpers: true), and @swc/helpers is not installed:
// keep the imports of this plugin named (no `import * as`, no default imports of CommonJS modules), so that swc
// needs no helper. The workspace test (generator.workspace.spec.ts) runs it the way `nx g` does.

/** The files the generator edits, and where it writes. */
export const FEATURE_PATHS = {
  registry: 'libs/protocol/src/lib/registry.ts',
  protocolIndex: 'libs/protocol/src/index.ts',
  registryTypesSpec: 'libs/protocol/src/lib/registry.types.spec.ts',
  appModule: 'apps/api/src/app.module.ts',
  apiSource: 'apps/api/src',
  webRealtime: 'apps/web/src/realtime',
} as const;

/** A feature name: kebab-case, starting with a letter, short enough for room names and identifiers. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;

export interface FeatureNames {
  /** `price-alert`: the message type, folder and file names. */
  readonly fileName: string;
  /** `PriceAlert`: classes and schemas. */
  readonly className: string;
  /** `priceAlert`: the handler method. */
  readonly propertyName: string;
  /** `PRICE_ALERT`: constants. */
  readonly constantName: string;
}

export function featureNames(name: string): FeatureNames {
  const trimmed = name.trim();
  if (!NAME.test(trimmed) || trimmed.length > MAX_NAME_LENGTH) {
    throw new Error(
      `feature name "${trimmed}" must be kebab-case (a-z, 0-9, single dashes, starting with a letter), at most ${MAX_NAME_LENGTH} characters`,
    );
  }
  const { fileName, className, propertyName, constantName } = names(trimmed);
  return { fileName, className, propertyName, constantName };
}

function readRequired(tree: Tree, file: string): string {
  const content = tree.read(file, 'utf-8');
  if (content === null)
    throw new Error(`${file} not found: run the generator at the root of the Pulse workspace`);
  return content;
}

/**
 * `nx g @pulse/tools:feature <name>`: adds a real-time feature end to end. Everything is checked before anything
 * is written, so a refused name leaves the workspace as it was.
 */
export async function featureGenerator(
  tree: Tree,
  options: FeatureGeneratorSchema,
): Promise<GeneratorCallback> {
  const n = featureNames(options.name);
  const featureDir = joinPathFragments(FEATURE_PATHS.apiSource, n.fileName);
  const messagesFile = `libs/protocol/src/lib/messages/${n.fileName}.messages.ts`;
  const hookFile = joinPathFragments(FEATURE_PATHS.webRealtime, `use-${n.fileName}.ts`);
  for (const taken of [featureDir, messagesFile, hookFile]) {
    if (tree.exists(taken)) throw new Error(`${taken} already exists: pick another feature name`);
  }

  const registry = addRegistryEntries(readRequired(tree, FEATURE_PATHS.registry), {
    type: n.fileName,
    importLine: `import { ${n.className}Event, ${n.className}Request } from './messages/${n.fileName}.messages';`,
    clientSchema: `${n.className}Request`,
    serverSchema: `${n.className}Event`,
  });
  const index = addMessagesExport(
    readRequired(tree, FEATURE_PATHS.protocolIndex),
    `export * from './lib/messages/${n.fileName}.messages';`,
  );
  const appModule = registerInAppModule(
    readRequired(tree, FEATURE_PATHS.appModule),
    `${n.className}Module`,
    `./${n.fileName}/${n.fileName}.module`,
  );
  const typesSpec = tree.read(FEATURE_PATHS.registryTypesSpec, 'utf-8');
  const expectedTypes = typesSpec === null ? null : addExpectedTypes(typesSpec, n.fileName);

  generateFiles(tree, join(__dirname, 'files'), '.', { ...n, tmpl: '' });
  tree.write(FEATURE_PATHS.registry, registry);
  tree.write(FEATURE_PATHS.protocolIndex, index);
  tree.write(FEATURE_PATHS.appModule, appModule);
  if (expectedTypes !== null) tree.write(FEATURE_PATHS.registryTypesSpec, expectedTypes);
  else if (typesSpec !== null)
    logger.warn(`${FEATURE_PATHS.registryTypesSpec}: add '${n.fileName}' to the expected type lists by hand`);
  // The workspace's Prettier, so that what was written passes `npm test`'s format check as it is.
  await formatFiles(tree);

  return () => {
    logger.info(`Feature "${n.fileName}" added. Next:`);
    logger.info(`  npx nx run-many -t lint typecheck -p protocol api web`);
    logger.info(`  npx jest -c apps/api/jest.config.ts apps/api/src/${n.fileName}`);
    logger.info(`  then make ${n.className}Request / ${n.className}Event your own (docs/extending.md).`);
  };
}

export default featureGenerator;
