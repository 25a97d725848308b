const { nxPreset } = require('@nx/jest/preset');

/** One transform for the whole workspace: swc, with the decorator metadata NestJS needs. */
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        react: { runtime: 'automatic' },
      },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|tsx|js|mjs|cjs)$': swcTransform },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 20000,
  reporters: ['default', require.resolve('./tools/scripts/jest-totals.reporter.js')],
};
