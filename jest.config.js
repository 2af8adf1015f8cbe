/** Unit tests of shared/ and API integration tests of server/, on a real Postgres (see server/test/support). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared/src', '<rootDir>/server/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  globalSetup: '<rootDir>/server/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/server/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/server/test/support/fail-on-console-error.ts'],
  testTimeout: 30000,
};
