/** `npm run admin:create -- NAME`: makes an administrator and prints a one-time password. */
import { createAdministrator } from '../src/lib/server/accounts/sign-in';
import { closeDb, getDb } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/migrate';
import { toUnicode, hasInvalidCharacters } from '../src/lib/server/text/normalize';
import { username as usernameSchema } from '../src/lib/schemas/fields';
import { DiskMigrationProvider } from './lib/file-migrations';

const raw = process.argv[2];
if (!raw || hasInvalidCharacters(raw)) {
	console.error('Usage: npm run admin:create -- NAME');
	process.exit(2);
}
const parsed = usernameSchema.safeParse(toUnicode(raw));
if (!parsed.success) {
	console.error('NAME must be 3 to 32 letters, numbers, dots, dashes or underscores.');
	process.exit(2);
}
const db = getDb();
await migrateToLatest(db, new DiskMigrationProvider());
const result = await createAdministrator(db, parsed.data);
await closeDb();
if (!result.ok) {
	console.error(`An account named "${parsed.data}" already exists.`);
	process.exit(1);
}
console.log(`Administrator "${parsed.data}" created.`);
console.log(`One-time password: ${result.password}`);
console.log('Sign in with it now; you will be asked to choose your own password.');
