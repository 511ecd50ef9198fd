/**
 * `npm run copy-to-postgres -- FILE`: copies the SQLite database FILE into the PostgreSQL
 * database DATABASE_URL names (migrated here first, and empty), then checks every table's row
 * count. Stop the servers first. See docs/operations.md.
 */
import fs from 'node:fs';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { copyDatabase } from '../src/lib/server/db-copy';
import { migrateToLatest, pendingMigrations } from '../src/lib/server/migrate';
import { DiskMigrationProvider } from './lib/file-migrations';

const file = process.argv[2];
if (!file || !fs.existsSync(file) || !config.databaseUrl) {
	console.error(
		'Usage: DATABASE_URL=postgres://... npm run copy-to-postgres -- FILE   (FILE: the SQLite database; stop the servers first)'
	);
	process.exit(2);
}
const source = openDatabase(file);
const target = openDatabase(config.databaseUrl);
try {
	const provider = new DiskMigrationProvider();
	const behind = await pendingMigrations(source, provider);
	if (behind.length > 0)
		throw new Error(`${file} has migrations to run first (npm run migrate): ${behind.join(', ')}`);
	await migrateToLatest(target, provider);
	const report = await copyDatabase(source, target);
	for (const { name, rows } of report.tables) console.log(`${name}: ${rows} rows`);
	console.log(`Copied ${file} to ${config.databaseShown}; every table's row count matches.`);
} catch (error) {
	console.error(String(error instanceof Error ? error.message : error));
	process.exitCode = 1;
} finally {
	await source.destroy();
	await target.destroy();
}
