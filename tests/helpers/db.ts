import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '$lib/server/db';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { BundledMigrationProvider, migrateToLatest } from '$lib/server/migrate';
import { createDatabase, type OwnDatabase } from './postgres-server';

/**
 * The PostgreSQL server the integration tests run on instead of SQLite, when set:
 * TEST_DATABASE_URL=postgres://user@host:port/database (a database the user may create others
 * from). Each test then gets a database of its own, made and dropped there.
 */
const server = process.env.TEST_DATABASE_URL || '';

let admin: Db | undefined;
let template: Promise<OwnDatabase> | undefined;

/**
 * This test file's migrated database, made once, which each test's database copies
 * (`create database ... template`): migrating once per file rather than per test.
 */
function migratedTemplate(): Promise<OwnDatabase> {
	template ??= (async () => {
		admin ??= openDatabase(server);
		const made = await createDatabase(server, 'lanpya_template', { admin });
		const db = openDatabase(made.url);
		try {
			await migrateToLatest(db, new BundledMigrationProvider());
		} finally {
			await db.destroy();
		}
		return made;
	})();
	return template;
}

if (server) {
	afterAll(async () => {
		if (template) await (await template.catch(() => undefined))?.drop();
		await admin?.destroy();
		admin = undefined;
		template = undefined;
	});
}

/**
 * A fresh database migrated to the latest schema, removed afterwards: an SQLite file in a
 * folder of its own, or on TEST_DATABASE_URL's server a database of its own. `file` is where
 * it is, for `openDatabase` (a second process's connection).
 */
export async function freshDb(): Promise<{ db: Db; file: string; cleanup: () => Promise<void> }> {
	if (server) {
		const from = await migratedTemplate();
		const made = await createDatabase(server, 'lanpya_test', { template: from.name, admin });
		const db = openDatabase(made.url);
		return {
			db,
			file: made.url,
			cleanup: async () => {
				await db.destroy();
				await made.drop();
			}
		};
	}
	return freshSqliteDb();
}

/**
 * A fresh SQLite file, migrated, whatever TEST_DATABASE_URL says: for tests of what only SQLite
 * has (pragmas, the file, its backups, its write lock, prepared statements).
 */
export async function freshSqliteDb(): Promise<{
	db: Db;
	file: string;
	cleanup: () => Promise<void>;
}> {
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
