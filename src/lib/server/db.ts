/**
 * The one place that knows which database engine runs: SQLite by default (one file, one machine),
 * or PostgreSQL when DATABASE_URL starts with postgres:// (several servers on one database; its
 * own parts are in ./postgres.ts). Everything else speaks Kysely, in SQL both engines run.
 *
 * SQLite's pragmas, chosen for one process on one machine:
 * - journal_mode=WAL: readers never wait for the writer.
 * - synchronous=FULL: every commit is on disk before it returns, so a power cut never loses a
 *   sign-up, a recovery code or a learner's progress. Lanpya writes rarely, so the extra fsync
 *   per commit is cheap.
 * - foreign_keys=ON; busy_timeout=DATABASE_BUSY_MS (5000 ms by default).
 * - max_page_count from DATABASE_MAX_MB when set: the file never grows past the operator's cap.
 * - secure_delete=ON: deleted rows are overwritten with zeros, so a deleted account cannot be
 *   read back from the file's free pages (see flushDeletions for the WAL).
 * One writer: one Node process holds one connection, and Kysely's SQLite driver runs one query
 * at a time on it.
 *
 * A full database (or disk) and a lock held past the busy timeout are "not now", not "wrong":
 * every query goes through GuardedDriver, which turns them into DatabaseUnavailableError, which
 * the app answers with a 503 (src/lib/server/http/unavailable.ts). Writes that belong together run in
 * one transaction, so a refused write leaves nothing half-written.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
	CompiledQuery,
	Kysely,
	PostgresAdapter,
	PostgresDialect,
	SqliteDialect,
	sql,
	type DatabaseConnection,
	type Driver,
	type QueryResult,
	type SqliteDatabase
} from 'kysely';
import type { Database } from './schema';
import { config, isPostgresUrl } from './config';
import {
	beginPostgresTransaction,
	EmptyListsPlugin,
	postgresConfig,
	postgresUnavailable
} from './postgres';

export type Db = Kysely<Database>;

/**
 * `file`, refused when it is a PostgreSQL address: the SQLite commands (backup, restore, the
 * integrity check) must never take one for a file name. PostgreSQL's own tools do those there
 * (docs/operations.md).
 */
function sqliteFile(file: string): string {
	if (isPostgresUrl(file))
		throw new Error('This works on an SQLite file; on PostgreSQL use pg_dump and pg_restore');
	return file;
}

/** Whether `db` is on PostgreSQL (otherwise SQLite). */
export function isPostgres(db: Db): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

function openSqlite(file: string): BetterSqlite3.Database {
	sqliteFile(file);
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new BetterSqlite3(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma(`busy_timeout = ${config.databaseBusyMs}`);
	sqlite.pragma('secure_delete = ON');
	const maxMb = config.databaseMaxMb;
	if (maxMb > 0) {
		const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
		sqlite.pragma(`max_page_count = ${Math.floor((maxMb * 1024 * 1024) / pageSize)}`);
	}
	ensureSearchIndex(sqlite);
	return sqlite;
}

/**
 * Course search: an FTS5 index with the trigram tokenizer, which finds a Burmese word inside
 * Burmese text (written without spaces between words) as well as English. It is derived data,
 * rebuilt from the course tables, so on SQLite it lives here rather than in a migration. On
 * PostgreSQL the same table is a plain one with a pg_trgm GIN index on its text
 * (migrations/0028_course_search.ts), which `ilike` uses: the same two functions serve both.
 */
function ensureSearchIndex(sqlite: BetterSqlite3.Database): void {
	sqlite.exec(
		"create virtual table if not exists course_search using fts5(course_id unindexed, body, tokenize = 'trigram')"
	);
}

/** Replaces the searchable text of one course. */
export async function indexCourseText(
	db: Kysely<Database>,
	courseId: string,
	text: string
): Promise<void> {
	await sql`delete from course_search where course_id = ${courseId}`.execute(db);
	await sql`insert into course_search (course_id, body) values (${courseId}, ${text})`.execute(db);
}

/**
 * Ids of courses whose text contains `query` (any letter case): FTS5's trigram `like` ignores
 * letter case, PostgreSQL's `ilike` does too.
 */
export async function searchCourseText(db: Kysely<Database>, query: string): Promise<string[]> {
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const like = sql.raw(isPostgres(db) ? 'ilike' : 'like');
	const result = await sql<{
		course_id: string;
	}>`select course_id from course_search where body ${like} ${pattern} escape '\\'`.execute(db);
	return result.rows.map((r) => r.course_id);
}

/**
 * After deleting accounts: copies the write-ahead log into the main file and empties it, so the
 * deleted rows' former pages do not stay readable in the log until the next checkpoint.
 * PostgreSQL has neither secure_delete nor a way for the app to empty its log: a deleted row's
 * bytes stay in its table's pages until vacuum reuses them (docs/operations.md says what an
 * operator does about it), so nothing is done here.
 */
export async function flushDeletions(db: Kysely<Database>): Promise<void> {
	if (isPostgres(db)) return;
	await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/**
 * Runs `work` in one transaction: the one `db` is already in, or a new one. Writes that belong
 * together go through here, so a full or busy database refuses all of them or none.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Why the database cannot take a write for now. */
export type Unavailable = 'full' | 'busy';

/** A write refused for now (full or busy); SQLite's own error is the cause. */
export class DatabaseUnavailableError extends Error {
	constructor(
		readonly reason: Unavailable,
		cause: unknown
	) {
		super(`The database is ${reason}`, { cause });
		this.name = 'DatabaseUnavailableError';
	}
}

/**
 * SQLite's codes that mean "try again later": SQLITE_FULL (the disk is full, which SQLite reports
 * for a short write, or the file reached max_page_count) and SQLITE_BUSY with its extended codes
 * (another connection held the write lock past busy_timeout, or a read snapshot went stale).
 * SQLITE_LOCKED is not among them: with one connection it means a conflict inside this process,
 * which waiting would not cure. Other I/O errors are faults of the machine, and stay 500s.
 */
export function unavailableReason(error: unknown): Unavailable | null {
	if (!(error instanceof BetterSqlite3.SqliteError)) return postgresUnavailable(error);
	if (error.code === 'SQLITE_FULL') return 'full';
	if (error.code === 'SQLITE_BUSY' || error.code.startsWith('SQLITE_BUSY_')) return 'busy';
	return null;
}

/** A DatabaseUnavailableError, or the request's answer made from one (its cause). */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (error instanceof DatabaseUnavailableError) return true;
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { cause?: unknown }).cause instanceof DatabaseUnavailableError
	);
}

let answerUnavailable: (error: DatabaseUnavailableError) => unknown = (error) => error;

/**
 * What is thrown when the database is full or busy. The server makes it the request's 503
 * answer, in the person's language (src/lib/server/http/unavailable.ts); scripts keep the error.
 */
export function onDatabaseUnavailable(answer: (error: DatabaseUnavailableError) => unknown): void {
	answerUnavailable = answer;
}

function unavailableOr(error: unknown): unknown {
	const reason = unavailableReason(error);
	return reason ? answerUnavailable(new DatabaseUnavailableError(reason, error)) : error;
}

class GuardedConnection implements DatabaseConnection {
	constructor(readonly inner: DatabaseConnection) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		try {
			return await this.inner.executeQuery<R>(query);
		} catch (error) {
			throw unavailableOr(error);
		}
	}

	async *streamQuery<R>(
		query: CompiledQuery,
		chunkSize?: number
	): AsyncIterableIterator<QueryResult<R>> {
		try {
			yield* this.inner.streamQuery<R>(query, chunkSize);
		} catch (error) {
			throw unavailableOr(error);
		}
	}
}

/** How one engine begins a transaction, and whether one is still open to roll back. */
interface Transactions {
	begin(connection: DatabaseConnection): Promise<void>;
	open(): boolean;
}

/**
 * Kysely's driver, with every query (begin and commit included) through GuardedConnection.
 * On SQLite, transactions begin IMMEDIATE: a deferred one that reads and then writes while another
 * connection holds the write lock gets SQLITE_BUSY at once (SQLite does not wait there, to avoid
 * a deadlock), so busy_timeout would never apply. This process has one connection, which Kysely
 * lends to one transaction at a time, so taking the lock at the start costs it nothing.
 * After SQLITE_FULL or SQLITE_BUSY, SQLite may already have rolled the whole transaction back; a
 * second rollback would fail and hide the first error, so it is only sent while one is open.
 * On PostgreSQL, see beginPostgresTransaction (./postgres.ts).
 */
class GuardedDriver implements Driver {
	readonly #guarded = new WeakMap<DatabaseConnection, GuardedConnection>();

	constructor(
		private readonly inner: Driver,
		private readonly transactions: Transactions
	) {}

	init() {
		return this.inner.init();
	}
	async acquireConnection(): Promise<DatabaseConnection> {
		const connection = await this.inner.acquireConnection();
		let guarded = this.#guarded.get(connection);
		if (!guarded) this.#guarded.set(connection, (guarded = new GuardedConnection(connection)));
		return guarded;
	}
	beginTransaction(connection: DatabaseConnection) {
		return this.transactions.begin(connection);
	}
	commitTransaction(connection: DatabaseConnection) {
		return this.inner.commitTransaction(connection);
	}
	async rollbackTransaction(connection: DatabaseConnection) {
		if (this.transactions.open()) await this.inner.rollbackTransaction(connection);
	}
	releaseConnection(connection: DatabaseConnection) {
		return this.inner.releaseConnection((connection as GuardedConnection).inner);
	}
	destroy() {
		return this.inner.destroy();
	}
}

/**
 * How many prepared statements are kept. The app has a few hundred distinct queries (an `in`
 * list of another length is another text); the busy ones stay, and a rare one that falls out
 * is prepared again when next used.
 */
export const STATEMENTS_KEPT = 500;

/**
 * The database as Kysely's SQLite driver sees it, preparing each SQL text once. The driver
 * calls `prepare` for every query, and preparing (parsing and planning the SQL) took about a
 * tenth of the server's busy CPU when measured (docs/benchmarks.md); a prepared statement runs
 * again with new parameters. Kept in order of last use, at most `limit`. SQLite prepares a
 * statement again by itself when the schema changes. A statement still being read (a
 * streamed query) is never handed out twice: that one call gets its own.
 */
export function preparingOnce(
	sqlite: BetterSqlite3.Database,
	limit = STATEMENTS_KEPT
): SqliteDatabase {
	const statements = new Map<string, BetterSqlite3.Statement>();
	return {
		prepare(sql: string) {
			let statement = statements.get(sql);
			if (statement?.busy) return sqlite.prepare(sql);
			if (statement) statements.delete(sql);
			else statement = sqlite.prepare(sql);
			statements.set(sql, statement);
			if (statements.size > limit) statements.delete(statements.keys().next().value!);
			return statement;
		},
		close() {
			statements.clear();
			sqlite.close();
		}
	};
}

class GuardedSqliteDialect extends SqliteDialect {
	constructor(private readonly sqlite: BetterSqlite3.Database) {
		super({ database: preparingOnce(sqlite) });
	}
	createDriver(): Driver {
		return new GuardedDriver(super.createDriver(), {
			begin: async (connection) => {
				await connection.executeQuery(CompiledQuery.raw('begin immediate'));
			},
			open: () => this.sqlite.inTransaction
		});
	}
}

class GuardedPostgresDialect extends PostgresDialect {
	createDriver(): Driver {
		return new GuardedDriver(super.createDriver(), {
			begin: beginPostgresTransaction,
			open: () => true
		});
	}
}

/**
 * Opens the database at `location`: a PostgreSQL address (postgres://...), or else the SQLite
 * file there (created if needed) with Lanpya's pragmas.
 */
export function openDatabase(location: string): Db {
	if (isPostgresUrl(location)) {
		const settings = postgresConfig(location, { busyMs: config.databaseBusyMs });
		return new Kysely<Database>({
			dialect: new GuardedPostgresDialect(settings),
			plugins: [new EmptyListsPlugin()]
		});
	}
	return new Kysely<Database>({ dialect: new GuardedSqliteDialect(openSqlite(location)) });
}

let appDb: Db | undefined;

/** The application's shared connection, opened on first use from DATABASE_URL or DATABASE_PATH. */
export function getDb(): Db {
	if (!appDb) {
		appDb = openDatabase(config.databaseUrl || config.databasePath);
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
	const sqlite = new BetterSqlite3(sqliteFile(file), { readonly: true, fileMustExist: true });
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
	sqliteFile(destination);
	const problems = checkIntegrity(source);
	if (problems.length > 0)
		throw new Error(`Backup failed its integrity check: ${problems.join('; ')}`);
	fs.mkdirSync(path.dirname(destination), { recursive: true });
	const temporary = `${destination}.restoring`;
	fs.copyFileSync(source, temporary);
	for (const suffix of ['-wal', '-shm']) fs.rmSync(destination + suffix, { force: true });
	fs.renameSync(temporary, destination);
}
