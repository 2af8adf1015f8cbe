/**
 * Unit tests of shared/ and the client, API integration tests of server/, on a real Postgres (see
 * server/test/support); the client's autosave tests talk to the real API listening on 127.0.0.1.
 */
const transform = (tsconfig) => ({ '^.+\\.tsx?$': ['ts-jest', { tsconfig }] });
const common = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/server/test/support/fail-on-console-error.ts'],
};

module.exports = {
  globalSetup: '<rootDir>/server/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/server/test/support/global-teardown.ts',
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'shared and server',
      roots: ['<rootDir>/shared/src', '<rootDir>/server/test'],
      transform: transform('<rootDir>/tsconfig.jest.json'),
    },
    {
      ...common,
      displayName: 'client',
      roots: ['<rootDir>/client/test'],
      transform: transform('<rootDir>/client/test/tsconfig.jest.json'),
    },
  ],
};
