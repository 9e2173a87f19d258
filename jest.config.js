/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/.data/'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  // A hang guard, not a speed check: a loaded CI machine may be several times slower than a laptop.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.mjs'],
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
};
