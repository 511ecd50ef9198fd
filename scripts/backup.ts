/** `npm run backup -- FILE`: an online, consistent copy of the live database. */
import fs from 'node:fs';
import { config } from '../src/lib/server/config';

if (config.databaseUrl) {
	console.error(
		'DATABASE_URL names a PostgreSQL database: back it up and restore it with pg_dump and pg_restore (docs/operations.md).'
	);
	process.exit(2);
}
import { backupDatabase, checkIntegrity } from '../src/lib/server/db';

const target = process.argv[2];
if (!target) {
	console.error('Usage: npm run backup -- FILE');
	process.exit(2);
}
if (!fs.existsSync(config.databasePath)) {
	console.error(`No database at ${config.databasePath}`);
	process.exit(1);
}
// Printed as the copy begins (after start-up): the copy holds everything committed before this line.
console.log(`Copying ${config.databasePath}…`);
await backupDatabase(config.databasePath, target);
const problems = checkIntegrity(target);
if (problems.length) {
	console.error(`The copy failed its integrity check: ${problems.join('; ')}`);
	process.exit(1);
}
console.log(
	`Backed up ${config.databasePath} to ${target} (${fs.statSync(target).size} bytes, integrity ok)`
);
