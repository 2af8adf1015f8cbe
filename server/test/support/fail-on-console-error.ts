// A console error or an unhandled rejection during a test fails it (CONVENTIONS.md, Tests).
const originalError = console.error;
let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    originalError(...args);
  };
});

afterEach(() => {
  console.error = originalError;
  if (errors.length > 0)
    throw new Error(`console.error was called during the test:\n${errors.map((e) => e.join(' ')).join('\n')}`);
});

process.on('unhandledRejection', (reason) => {
  throw reason;
});
