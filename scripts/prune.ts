/**
 * `npm run prune`: deletes now the accounts unused for INACTIVE_ACCOUNT_MONTHS, as the running
 * server does once a day (src/lib/server/accounts/inactive.ts). Safe while serving.
 */
import { deleteInactiveAccounts } from '../src/lib/server/accounts/inactive';
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/migrate';
import { DiskMigrationProvider } from './lib/file-migrations';

const db = getDb();
await migrateToLatest(db, new DiskMigrationProvider());
const { deleted, cutoff } = await deleteInactiveAccounts(db, Date.now());
await closeDb();
if (cutoff === null) console.log('INACTIVE_ACCOUNT_MONTHS is 0: no account is deleted for being unused.');
else console.log(`Deleted ${deleted} accounts unused since ${new Date(cutoff).toISOString().slice(0, 10)} (${config.inactiveAccountMonths} months).`);
