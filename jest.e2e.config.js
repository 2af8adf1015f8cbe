/** End-to-end tests: the built app in headless Chromium (npm run test:e2e). One browser at a time. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  maxWorkers: 1,
  testTimeout: 90000,
};
