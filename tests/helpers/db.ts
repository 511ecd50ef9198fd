import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '$lib/server/db';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
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

/**
 * Gives each test of the calling file its own fresh database, with the skill taxonomy loaded
 * when asked, and removes it afterwards: `let db: Db; eachTestDb((made) => (db = made));`.
 */
export function eachTestDb(use: (db: Db) => void, options: { taxonomy?: boolean } = {}): void {
	let cleanup = async () => {};
	beforeEach(async () => {
		const made = await freshDb();
		cleanup = made.cleanup;
		if (options.taxonomy) await loadTaxonomy(made.db, readTaxonomy());
		use(made.db);
	});
	afterEach(() => cleanup());
}
