/** `npm run restore -- FILE`: checks the backup's integrity, then replaces the live file. Stop the app first. */
import fs from 'node:fs';
import { config } from '../src/lib/server/config';

if (config.databaseUrl) {
	console.error(
		'DATABASE_URL names a PostgreSQL database: back it up and restore it with pg_dump and pg_restore (docs/operations.md).'
	);
	process.exit(2);
}
import { restoreDatabase } from '../src/lib/server/db';

const source = process.argv[2];
if (!source || !fs.existsSync(source)) {
	console.error('Usage: npm run restore -- FILE   (FILE must exist; stop the app first)');
	process.exit(2);
}
try {
	restoreDatabase(source, config.databasePath);
} catch (error) {
	console.error(String(error instanceof Error ? error.message : error));
	console.error('Nothing was changed.');
	process.exit(1);
}
console.log(`Restored ${source} to ${config.databasePath}`);
