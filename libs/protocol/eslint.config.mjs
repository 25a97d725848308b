import { builtinModules } from 'node:module';
import baseConfig from '../../eslint.config.mjs';

// The protocol runs in browsers, Node and workers. Node built-ins are not npm packages, so the boundary
// rule's banned imports miss them; this rule catches them.
const nodeBuiltins = {
  group: ['node:*', ...builtinModules, ...builtinModules.map((name) => `${name}/*`)],
  message: 'libs/protocol is pure: no Node built-ins.',
};

export default [
  ...baseConfig,
  { files: ['**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins] }] } },
];
