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
  // ES-module-only dependencies, which Jest's CommonJS runtime cannot require before Node 24.9: swc turns them into
  // CommonJS too. NestJS 12, jose (libs/auth's JWKS) and @apidevtools (swagger-parser, in the OpenAPI spec).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|@apidevtools)/)'],
  // The published libraries' package.json files point at their build (dist/); tests in the workspace run the source.
  moduleNameMapper: { '^@pulse/(protocol|client|gateway|auth)$': `${__dirname}/libs/$1/src/index.ts` },
  testTimeout: 20000,
  setupFiles: [require.resolve('./tools/scripts/jest-shifted-clock.js')],
  reporters: ['default', require.resolve('./tools/scripts/jest-totals.reporter.js')],
};
