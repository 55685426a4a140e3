/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  // Our TypeScript through SWC; dependencies load as they are (NestJS 12's ES modules through
  // require(esm), which Jest supports on Node 24 with --experimental-vm-modules: see npm test).
  transform: { '^.+\\.ts$': '@swc/jest' },
  moduleNameMapper: {
    '^@lib/(persistence|platform|waf)$': '<rootDir>/libs/$1/src',
    '^@lib/(persistence|platform|waf)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  // Two cores: two workers, each test file on its own database.
  maxWorkers: 2,
  testTimeout: 30000,
  verbose: true,
};
