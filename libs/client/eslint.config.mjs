import { builtinModules } from 'node:module';
import baseConfig from '../../eslint.config.mjs';

// The SDK runs in browsers. Node built-ins are not npm packages, so the boundary rule's banned imports miss them.
const nodeBuiltins = {
  group: ['node:*', ...builtinModules, ...builtinModules.map((name) => `${name}/*`)],
  message: 'The SDK runs in browsers: no Node built-ins.',
};
// Tests may start a real HTTP server for Socket.IO on 127.0.0.1, as they start a `ws` server; nothing else of Node's.
const nodeBuiltinsInTests = { ...nodeBuiltins, group: [...nodeBuiltins.group, '!node:http'] };
const wsPackage = {
  name: 'ws',
  message: 'The SDK runs in browsers: take a WebSocket constructor, use `ws` only in tests.',
};

export default [
  ...baseConfig,
  {
    files: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltinsInTests] }] },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [wsPackage], patterns: [nodeBuiltins] }] },
  },
];
