import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  { files: ['**/*.ts', '**/*.tsx'], ...reactHooks.configs.flat.recommended },
  // Accessibility of the JSX itself (labels, roles, keyboard access); axe-core checks the rendered pages in Chromium.
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.strict,
    rules: {
      ...jsxA11y.flatConfigs.strict.rules,
      // A scrolling chat log must be reachable by keyboard to be scrolled (WCAG 2.1.1; axe's scrollable-region-focusable),
      // and an application region (the game board) is a keyboard widget of its own.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['log', 'application'], tags: [] }],
      // Components may take focus on purpose after a user action (the board, once a room is joined); DOM autoFocus stays banned.
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
    },
  },
];
