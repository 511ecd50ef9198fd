import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '$lib/server/db';
import { BundledMigrationProvider, migrateToLatest } from '$lib/server/migrate';

/** A fresh SQLite file, migrated to the latest schema, removed with its folder afterwards. */
export async function freshDb(): Promise<{ db: Db; file: string; cleanup: () => Promise<void> }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-test-'));
	const file = path.join(dir, 'test.sqlite');
	const db = openDatabase(file);
	await migrateToLatest(db, new BundledMigrationProvider());
	return {
		db,
		file,
		cleanup: async () => {
			await db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
