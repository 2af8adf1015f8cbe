// npm run fuzz -- --runs N [--seed S]: the OpenAPI fuzz suite, longer than CI's short pass (4 per operation).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, seed: { type: 'string' } } });
const env = { ...process.env, FUZZ_RUNS: values.runs, ...(values.seed ? { FUZZ_SEED: values.seed } : {}) };
const jest = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', 'node_modules/jest/bin/jest.js'];
const result = spawnSync(process.execPath, [...jest, 'server/test/fuzz'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
