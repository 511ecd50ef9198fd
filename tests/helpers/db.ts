import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Db } from '$lib/server/db';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { BundledMigrationProvider, migrateToLatest } from '$lib/server/migrate';

/**
 * The PostgreSQL server the integration tests run on instead of SQLite, when set:
 * TEST_DATABASE_URL=postgres://user@host:port/database (a database the user may create others
 * from). Each test then gets a database of its own, made and dropped there.
 */
const server = process.env.TEST_DATABASE_URL || '';

/** `url` with another database name. */
function withDatabase(url: string, name: string): string {
	const address = new URL(url);
	address.pathname = `/${name}`;
	return address.toString();
}

let admin: Db | undefined;
let template: Promise<string> | undefined;
let fileCopy: Promise<boolean> | undefined;

/** Whether the server takes `create database ... strategy file_copy` (PostgreSQL 15 and later). */
function copiesAsFiles(): Promise<boolean> {
	fileCopy ??= sql<{
		server_version_num: string;
	}>`show server_version_num`
		.execute(admin!)
		.then((r) => Number(r.rows[0].server_version_num) >= 150000);
	return fileCopy;
}

/**
 * This test file's migrated database, made once, which each test's database copies
 * (`create database ... template`): migrating once per file rather than per test.
 */
function migratedTemplate(): Promise<string> {
	template ??= (async () => {
		admin ??= openDatabase(server);
		const name = `lanpya_template_${randomBytes(6).toString('hex')}`;
		await sql`create database ${sql.id(name)}`.execute(admin);
		const db = openDatabase(withDatabase(server, name));
		try {
			await migrateToLatest(db, new BundledMigrationProvider());
		} finally {
			await db.destroy();
		}
		return name;
	})();
	return template;
}

if (server) {
	afterAll(async () => {
		if (template) {
			const name = await template.catch(() => undefined);
			if (name && admin) await sql`drop database if exists ${sql.id(name)}`.execute(admin);
		}
		await admin?.destroy();
		admin = undefined;
		template = undefined;
		fileCopy = undefined;
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
		const name = `lanpya_test_${randomBytes(6).toString('hex')}`;
		// Copied as files (PostgreSQL 15's FILE_COPY, a tenth of the default's time for a small
		// database); earlier versions copy no other way.
		const strategy = (await copiesAsFiles()) ? sql` strategy file_copy` : sql``;
		await sql`create database ${sql.id(name)} template ${sql.id(from)}${strategy}`.execute(admin!);
		const url = withDatabase(server, name);
		const db = openDatabase(url);
		return {
			db,
			file: url,
			cleanup: async () => {
				await db.destroy();
				await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin!);
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
