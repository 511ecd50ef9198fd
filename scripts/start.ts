/**
 * `npm start`: build when the sources changed since the last build, migrate, load starter
 * data into an empty database, then serve. A restart with nothing changed skips the build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/migrate';
import { buildIsCurrent, sourceHash, STAMP } from './lib/build-hash';
import { DiskMigrationProvider } from './lib/file-migrations';
import { loadStarterData } from './lib/starter-data';
import { serve } from './serve';

const started = performance.now();

if (!buildIsCurrent()) {
	console.log('Building the app (sources changed since the last build)…');
	const hash = sourceHash();
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.writeFileSync(STAMP, hash);
}

const db = getDb();
const migrated = await migrateToLatest(db, new DiskMigrationProvider());
for (const r of migrated.results ?? []) console.log(`migrated ${r.migrationName}`);
await loadStarterData(db);
await closeDb();

const running = await serve();
console.log(
	`Lanpya is serving ${config.origin} (listening on ${running.url}, database ${config.databasePath}) after ${Math.round(performance.now() - started)} ms`
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, async () => {
		console.log(`${signal}: closing…`);
		await running.close();
		process.exit(0);
	});
}
