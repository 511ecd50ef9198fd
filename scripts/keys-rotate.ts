/**
 * `npm run keys:rotate`: a new key signs course files from now on. The old private key is wiped;
 * its public key stays trusted, so files already passed around still open. Safe while serving.
 */
import { closeDb, getDb } from '../src/lib/server/db';
import { rotateSigningKey } from '../src/lib/server/courses/signing-keys';
import { migrateToLatest } from '../src/lib/server/migrate';
import { DiskMigrationProvider } from './lib/file-migrations';

const db = getDb();
await migrateToLatest(db, new DiskMigrationProvider());
const { id, retired } = await rotateSigningKey(db);
await closeDb();
console.log(`Course files are now signed with key ${id}.`);
if (retired.length)
	console.log(`Retired (still trusted for files signed before): ${retired.join(', ')}.`);
