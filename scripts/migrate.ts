import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/migrate';
import { DiskMigrationProvider } from './lib/file-migrations';

const result = await migrateToLatest(getDb(), new DiskMigrationProvider());
const ran = result.results ?? [];
console.log(
	ran.length
		? ran.map((r) => `migrated ${r.migrationName}`).join('\n')
		: `${config.databaseShown} is up to date`
);
await closeDb();
