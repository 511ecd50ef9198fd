/**
 * The server's start, compiled with its migrations to build/start.js (scripts/build-start.ts) and
 * run by `npm start` (scripts/launch.js), which builds first when needed: migrate, load starter
 * data into an empty database, then serve.
 */
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { BundledMigrationProvider, migrateToLatest } from '../src/lib/server/migrate';
import { ensureSigningKey } from '../src/lib/server/courses/signing-keys';
import { loadStarterData } from './lib/starter-data';
import { serve } from './serve';

const db = getDb();
const migrated = await migrateToLatest(db, new BundledMigrationProvider());
for (const r of migrated.results ?? []) console.log(`migrated ${r.migrationName}`);
await loadStarterData(db);
// The key that signs course files passed from phone to phone, kept (and backed up) with the data.
await ensureSigningKey(db);
await closeDb();

const running = await serve();
// performance.now() counts from the process's start, so this includes launch.js and any build.
console.log(
	`Lanpya is serving ${config.origin} (listening on ${running.url}, database ${config.databasePath}) after ${Math.round(performance.now())} ms`
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, async () => {
		console.log(`${signal}: closing…`);
		await running.close();
		process.exit(0);
	});
}
