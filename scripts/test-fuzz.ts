/**
 * `npm run test:fuzz`: the fuzz files (tests/e2e/fuzz-*.test.ts) for a longer look than
 * `npm test` gives them: FUZZ_RUNS times the runs (5 unless set) with a new random seed each time
 * (FUZZ_SEED to replay one), printed first so a failure can be sent again. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const seed = process.env.FUZZ_SEED || String(randomInt(2 ** 31 - 1));
const runs = process.env.FUZZ_RUNS || '5';
const files = ['tests/e2e/fuzz-forms.test.ts', 'tests/e2e/fuzz-sync.test.ts'];
console.log(`test:fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`);
const started = performance.now();
const result = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', ...files], {
	stdio: 'inherit',
	env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs }
});
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
	`test:fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} ${result.status === 0 ? 'passed' : 'FAILED'} in ${minutes} min`
);
process.exit(result.status ?? 1);
