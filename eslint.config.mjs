import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { readdirSync } from 'node:fs';

// Imports go one way: shared -> server, shared -> client. shared imports neither; they never import each other.
const restrict = (patterns) => ['error', { patterns }];

// In the client: lib -> components -> features -> app. A feature never imports another: routes compose them.
const client = './client/src';
const clientFeatures = readdirSync(`${client}/features`);
const clientZones = [
  ...clientFeatures.map((feature) => ({
    target: `${client}/features/${feature}`,
    from: `${client}/features`,
    except: [`./${feature}`],
    message: 'A feature never imports another feature: compose them in app/ (pass links or render props down).',
  })),
  {
    target: [`${client}/features`, `${client}/components`, `${client}/lib`],
    from: `${client}/app`,
    message: 'Only app/ imports app/: features get paths and links from the route that shows them.',
  },
  {
    target: [`${client}/components`, `${client}/lib`],
    from: `${client}/features`,
    message: 'Shared UI and lib/ never import a feature.',
  },
  { target: `${client}/lib`, from: `${client}/components`, message: 'lib/ never imports components/.' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/server/**', '@planner/server*', '**/client/**', '@planner/client*'],
          message: 'shared/ imports neither the server nor the client.',
        },
      ]),
    },
  },
  {
    files: ['server/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/client/**', '@planner/client*'], message: 'The server never imports the client.' },
      ]),
    },
  },
  {
    // Layers of the server: db and http know no feature; features know no command (commands/ composes them).
    files: ['server/src/{db,http,mail,security}/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/client/**', '@planner/client*'], message: 'The server never imports the client.' },
        {
          group: ['**/features/**', '**/commands/**'],
          message: 'db/, http/, mail/ and security/ sit below the features: they import none.',
        },
      ]),
    },
  },
  {
    files: ['server/src/features/*/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/client/**', '@planner/client*'], message: 'The server never imports the client.' },
        { group: ['../*/repo'], message: "A feature never imports another feature's repo: call its service." },
        {
          group: ['**/commands/**'],
          message: 'Features sit below commands: a command calls features, never the reverse.',
        },
      ]),
    },
  },
  {
    files: ['server/src/features/*/repo.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: '^\\.\\./[a-z-]+/|/commands/',
          message: "A repo queries its own feature's tables only: it imports no other feature.",
        },
      ]),
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'client/tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'import-x/no-restricted-paths': ['error', { zones: clientZones }],
      'import-x/no-cycle': 'error',
      'no-restricted-imports': restrict([
        { group: ['**/server/**', '@planner/server*'], message: 'The client talks to the server over HTTP only.' },
      ]),
    },
  },
  {
    // The client's unit tests run the real API (server/src/app.ts on the test database) to save against.
    files: ['client/test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
