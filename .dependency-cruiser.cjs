/**
 * The layering rules of the repository, checked by `npm run lint` (dependency-cruiser):
 * apps import libs only, never another app; libs and migrations import no app; the database
 * drivers and TypeORM are used inside libs/persistence only; no import cycles.
 */
const TEST_CODE = '(\\.spec\\.ts|\\.e2e-spec\\.ts)$|^(apps|libs)/[^/]+/test/|^test/|^bench/';

module.exports = {
  forbidden: [
    {
      name: 'app-imports-another-app',
      comment: 'An app uses libs only; what two apps share belongs in libs.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-imports-an-app',
      comment: 'Libs serve every app and know none of them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'migration-imports-an-app',
      comment: 'An applied migration must never change because an app did (its checksum would move).',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^apps/' },
    },
    {
      name: 'database-driver-outside-persistence',
      comment: 'TypeORM, pg and sqlite3 are used through libs/persistence only.',
      severity: 'error',
      from: { path: '^(apps|libs|migrations)/', pathNot: '^libs/persistence/' },
      to: { path: 'node_modules/(typeorm|pg|pg-copy-streams|sqlite3)/' },
    },
    {
      name: 'no-feature-folder-cycle',
      comment: 'Features depend one way: a feature folder never reaches back to one that uses it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^apps/[^/]+/src/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'no-circular',
      comment: 'Imports run one way.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The product's code: tests and benchmarks may reach across it.
    exclude: { path: ['^(dist|data|coverage)/', TEST_CODE] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
