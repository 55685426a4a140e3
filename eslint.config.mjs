// ESLint (typescript-eslint) for every TypeScript and JavaScript file. Layering and import rules
// live in .dependency-cruiser.cjs, formatting in Prettier.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The Store's TypeORM side (its DataSource and raw transactions) is libs/persistence's own.
const STORE_INTERNALS = [
  {
    selector: "MemberExpression[property.name='dataSource']",
    message: 'Use the Store API (rows, units of work, listen); the DataSource is libs/persistence’s own.',
  },
  {
    selector: "CallExpression[callee.property.name='transaction']",
    message: 'Open a tenant unit of work (runTenantUnit, the feature database) or use Store.rows.',
  },
];
// A controller speaks HTTP; SQL lives in its feature's store.
const SQL_IN_CONTROLLER = { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'Move the statement to the feature’s store.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'libs/contracts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Prettier wraps code at 160; this holds comments there too. Text is exempt: a message, a
      // statement or a pattern reads (and greps) better whole, and a migration's SQL is frozen.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    files: ['apps/**', 'libs/platform/**', 'migrations/**'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**'],
    rules: { 'no-restricted-syntax': ['error', ...STORE_INTERNALS] },
  },
  {
    files: ['apps/**/*.controller.ts'],
    rules: { 'no-restricted-syntax': ['error', ...STORE_INTERNALS, SQL_IN_CONTROLLER] },
  },
  {
    // Tests and benchmarks read JSON answers whose shape each assertion states.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
