/** Tests run TypeScript through ts-jest without type-checking (isolatedModules);
 * `npm test` type-checks the whole project with tsc first, once. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  // Jest's default on a 2-core machine is one worker; the suite is CPU-bound, so use both cores.
  maxWorkers: '100%',
};
