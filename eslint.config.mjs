import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: two axes of tags.
 *   scope:shared  (protocol)  -> only scope:shared
 *   scope:server  (auth, gateway, api) -> scope:server, scope:shared
 *   scope:client  (client SDK, web)    -> scope:client, scope:shared
 *   type:app is imported by nothing; see docs/architecture.md for the why.
 */

const depConstraints = [
  {
    sourceTag: 'type:protocol',
    onlyDependOnLibsWithTags: ['type:protocol'],
    bannedExternalImports: [
      '@nestjs/*',
      'react',
      'react-dom',
      'ioredis',
      'ws',
      'socket.io*',
      'rxjs',
      'passport*',
    ],
  },
  {
    sourceTag: 'type:auth',
    onlyDependOnLibsWithTags: ['type:protocol', 'type:testing'],
    bannedExternalImports: ['react', 'react-dom'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:gateway',
    onlyDependOnLibsWithTags: ['type:protocol', 'type:auth', 'type:testing'],
    bannedExternalImports: ['react', 'react-dom'],
  },
  {
    sourceTag: 'type:sdk',
    onlyDependOnLibsWithTags: ['type:protocol'],
    bannedExternalImports: ['@nestjs/*', 'react', 'react-dom', 'ioredis', 'passport*'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:protocol', 'type:auth', 'type:gateway', 'type:sdk', 'type:testing'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:protocol', 'type:sdk'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:protocol', 'type:sdk'] },
  // The bench and the operator scripts start real servers (a private redis-server, nginx) and read the API's config
  // schema: they may use test support and the app; nothing imports them.
  {
    sourceTag: 'type:devtool',
    onlyDependOnLibsWithTags: ['type:protocol', 'type:sdk', 'type:testing', 'type:app'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
  {
    sourceTag: 'scope:client',
    onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'],
    bannedExternalImports: ['@nestjs/*', 'ioredis', 'passport*'],
  },
];

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
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
      // Frameworks through their public entry points only (Nest keeps its internals in `internal.ts`, "not part
      // of the public API"); our own libraries through their index, never a file under another project's src.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@nestjs/[^/]+/.+',
              message:
                "Import NestJS from a package's public entry point (e.g. '@nestjs/core'), not a path inside it.",
            },
            {
              regex: '^@pulse/[^/]+/.+',
              message: "Import a Pulse library through its index ('@pulse/<name>'), not a file inside it.",
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The operator scripts read the API's own files, and the validator bench measures the protocol's two checkers.
    files: ['tools/scripts/**/*.ts', 'tools/bench/validator/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['../../apps/api/src/**', '../../../libs/protocol/src/lib/**'],
          depConstraints,
        },
      ],
    },
  },
  {
    // The auth HTTP bench serves the auth library's own services on both of Nest's HTTP adapters.
    files: ['tools/bench/http/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@pulse/auth', '../../../libs/auth/src/lib/**'],
          depConstraints,
        },
      ],
    },
  },
  {
    // Test support is for tests: a private redis-server, free ports, nginx in a temp prefix never ship.
    files: ['apps/*/src/**/*.ts', 'apps/*/src/**/*.tsx', 'libs/*/src/**/*.ts', 'libs/*/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.test.ts', '**/testing/**', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@pulse/testing',
              message: 'Test support is imported by specs (and test helpers under testing/) only.',
            },
            {
              name: '@pulse/nginx',
              message: 'Test support is imported by specs (and test helpers under testing/) only.',
            },
          ],
          patterns: [
            {
              regex: '^@nestjs/[^/]+/.+',
              message:
                "Import NestJS from a package's public entry point (e.g. '@nestjs/core'), not a path inside it.",
            },
            {
              regex: '^@pulse/[^/]+/.+',
              message: "Import a Pulse library through its index ('@pulse/<name>'), not a file inside it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
