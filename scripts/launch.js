/**
 * `npm start`: builds when there is no build or the sources changed since the last one, then runs
 * the compiled start script (scripts/start.ts, built to build/start.js) in this process. Plain
 * JavaScript run by Node alone: production never runs through a TypeScript loader (tsx's hooks
 * took about a quarter of the server's busy CPU, docs/benchmarks.md). A restart with nothing
 * changed skips the build.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsCurrent, START } from './lib/build-hash.js';

if (!buildIsCurrent()) {
	console.log('Building the app (sources changed since the last build)…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(pathToFileURL(path.resolve(START)).href);
