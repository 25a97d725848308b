import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: two axes of tags.
 *   scope:shared  (protocol)  -> only scope:shared
 *   scope:server  (auth, gateway, api) -> scope:server, scope:shared
 *   scope:client  (client SDK, web)    -> scope:client, scope:shared
 *   type:app is imported by nothing; see docs/architecture.md for the why.
 */

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/vite.config.*.timestamp*'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:protocol',
              onlyDependOnLibsWithTags: ['type:protocol'],
              bannedExternalImports: [
                '@nestjs/*', 'react', 'react-dom', 'ioredis', 'ws', 'socket.io*', 'rxjs', 'passport*',
              ],
            },
            { sourceTag: 'type:auth', onlyDependOnLibsWithTags: ['type:protocol', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:protocol', 'type:auth', 'type:testing'] },
            {
              sourceTag: 'type:sdk',
              onlyDependOnLibsWithTags: ['type:protocol'],
              bannedExternalImports: ['@nestjs/*', 'react', 'react-dom', 'ioredis', 'passport*'],
            },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:protocol', 'type:auth', 'type:gateway', 'type:sdk', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:protocol', 'type:sdk'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:protocol', 'type:sdk'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            {
              sourceTag: 'scope:client',
              onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'],
              bannedExternalImports: ['@nestjs/*', 'ioredis', 'passport*'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
