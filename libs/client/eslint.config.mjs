import { builtinModules } from 'node:module';
import baseConfig from '../../eslint.config.mjs';

// The SDK runs in browsers. Node built-ins are not npm packages, so the boundary rule's banned imports miss them.
const nodeBuiltins = {
  group: ['node:*', ...builtinModules, ...builtinModules.map((name) => `${name}/*`)],
  message: 'The SDK runs in browsers: no Node built-ins.',
};
const wsPackage = { name: 'ws', message: 'The SDK runs in browsers: take a WebSocket constructor, use `ws` only in tests.' };

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins] }] },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [wsPackage], patterns: [nodeBuiltins] }] },
  },
];
