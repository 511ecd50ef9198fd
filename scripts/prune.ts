/**
 * `npm run prune`: deletes now what the running server deletes once a day
 * (src/lib/server/housekeeping.ts): accounts unused for INACTIVE_ACCOUNT_MONTHS, sessions that
 * can no longer be used, sign-in failure counts over a day old, audit rows older than
 * AUDIT_MONTHS. Safe while serving.
 */
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { describeSweep, sweep } from '../src/lib/server/housekeeping';
import { migrateToLatest } from '../src/lib/server/migrate';
import { DiskMigrationProvider } from './lib/file-migrations';

const db = getDb();
await migrateToLatest(db, new DiskMigrationProvider());
const swept = await sweep(db, Date.now());
await closeDb();
console.log(`${describeSweep(swept)}.`);
if (swept.accountsCutoff === null)
	console.log('INACTIVE_ACCOUNT_MONTHS is 0: no account is deleted for being unused.');
else
	console.log(
		`Unused means no use since ${new Date(swept.accountsCutoff).toISOString().slice(0, 10)} (${config.inactiveAccountMonths} months).`
	);
if (config.auditMonths === 0) console.log('AUDIT_MONTHS is 0: audit rows are kept.');
