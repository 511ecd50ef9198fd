/**
 * The one place that knows the database is SQLite. Everything else speaks Kysely.
 *
 * Pragmas, chosen for one process on one machine:
 * - journal_mode=WAL: readers never wait for the writer.
 * - synchronous=FULL: every commit is on disk before it returns, so a power cut never loses a
 *   sign-up, a recovery code or a learner's progress. Lanpya writes rarely, so the extra fsync
 *   per commit is cheap.
 * - foreign_keys=ON, busy_timeout=5000 ms.
 * - secure_delete=ON: deleted rows are overwritten with zeros, so a deleted account cannot be
 *   read back from the file's free pages (see flushDeletions for the WAL).
 * One writer: one Node process holds one connection, and Kysely's SQLite driver runs one query
 * at a time on it.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema';
import { config } from './config';

export type Db = Kysely<Database>;

function openSqlite(file: string): BetterSqlite3.Database {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new BetterSqlite3(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('secure_delete = ON');
	ensureSearchIndex(sqlite);
	return sqlite;
}

/**
 * Course search: an FTS5 index with the trigram tokenizer, which finds a Burmese word inside
 * Burmese text (written without spaces between words) as well as English. It is derived data,
 * rebuilt from the course tables, so it lives here rather than in a migration; a PostgreSQL
 * deployment would use pg_trgm behind the same two functions.
 */
function ensureSearchIndex(sqlite: BetterSqlite3.Database): void {
	sqlite.exec("create virtual table if not exists course_search using fts5(course_id unindexed, body, tokenize = 'trigram')");
}

/** Replaces the searchable text of one course. */
export async function indexCourseText(db: Kysely<Database>, courseId: string, text: string): Promise<void> {
	await sql`delete from course_search where course_id = ${courseId}`.execute(db);
	await sql`insert into course_search (course_id, body) values (${courseId}, ${text})`.execute(db);
}

/** Ids of courses whose text contains `query` (any letter case). */
export async function searchCourseText(db: Kysely<Database>, query: string): Promise<string[]> {
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const result = await sql<{ course_id: string }>`select course_id from course_search where body like ${pattern} escape '\\'`.execute(db);
	return result.rows.map((r) => r.course_id);
}

/**
 * After deleting accounts: copies the write-ahead log into the main file and empties it, so the
 * deleted rows' former pages do not stay readable in the log until the next checkpoint.
 */
export async function flushDeletions(db: Kysely<Database>): Promise<void> {
	await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/** Opens (creating if needed) the SQLite file at `file` with Lanpya's pragmas. */
export function openDatabase(file: string): Db {
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}

let appDb: Db | undefined;

/** The application's shared connection, opened on first use from DATABASE_PATH. */
export function getDb(): Db {
	if (!appDb) {
		appDb = openDatabase(config.databasePath);
		// scripts/serve.ts waits for the promises its shutdown event is handed before the process exits.
		process.once('sveltekit:shutdown', (...args: unknown[]) => {
			const closing = closeDb();
			if (Array.isArray(args[1])) args[1].push(closing);
		});
	}
	return appDb;
}

/** Closes the shared connection; SQLite checkpoints the WAL into the main file. */
export async function closeDb(): Promise<void> {
	const db = appDb;
	appDb = undefined;
	await db?.destroy();
}

/**
 * Online, consistent copy through SQLite's backup API, safe while the app is serving. The pages
 * are copied in one step, inside one read transaction: the copy is the database as of one
 * moment, and in WAL mode the server keeps writing meanwhile. Copied a hundred pages at a time
 * (the default), every write the server made between two steps would restart the copy, which
 * a busy server could keep from ever finishing.
 */
export async function backupDatabase(source: string, destination: string): Promise<void> {
	const sqlite = openSqlite(source);
	try {
		fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
		await sqlite.backup(destination, { progress: () => 0x7fffffff });
	} finally {
		sqlite.close();
	}
}

/** Runs `PRAGMA integrity_check` on a file opened read-only; returns the problems found. */
export function checkIntegrity(file: string): string[] {
	const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
	try {
		const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
		const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
		const fk = sqlite.pragma('foreign_key_check') as unknown[];
		if (fk.length > 0) problems.push(`${fk.length} foreign key violations`);
		return problems;
	} finally {
		sqlite.close();
	}
}

/**
 * Replaces the live database file with `source`, after checking its integrity. The app must
 * be stopped: the old file's WAL and shared-memory files are removed with it.
 */
export function restoreDatabase(source: string, destination: string): void {
	const problems = checkIntegrity(source);
	if (problems.length > 0) throw new Error(`Backup failed its integrity check: ${problems.join('; ')}`);
	fs.mkdirSync(path.dirname(destination), { recursive: true });
	const temporary = `${destination}.restoring`;
	fs.copyFileSync(source, temporary);
	for (const suffix of ['-wal', '-shm']) fs.rmSync(destination + suffix, { force: true });
	fs.renameSync(temporary, destination);
}
