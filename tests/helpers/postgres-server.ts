/**
 * Databases of their own on a PostgreSQL server, for the tests (TEST_DATABASE_URL) and the
 * benches (BENCH_DATABASE_URL): made empty or as a copy of another, and dropped. The server's
 * address names a database its user may create others from. Relative imports only: the benches
 * run it through tsx, without the `$lib` alias.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/lib/server/db';

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
	const address = new URL(url);
	address.pathname = `/${name}`;
	return address.toString();
}

export interface OwnDatabase {
	name: string;
	/** Its address, for `openDatabase` or a server's DATABASE_URL. */
	url: string;
	/** Drops it, closing whatever connections are still open to it. */
	drop: () => Promise<void>;
}

/** Whether each server takes `create database ... strategy file_copy` (PostgreSQL 15 and later). */
const fileCopy = new Map<string, Promise<boolean>>();

/** Runs `statement` on `admin`, or on a connection to `server` of its own, closed after. */
async function onServer(
	server: string,
	admin: Db | undefined,
	statement: (db: Db) => Promise<unknown>
) {
	if (admin) {
		await statement(admin);
		return;
	}
	const db = openDatabase(server);
	try {
		await statement(db);
	} finally {
		await db.destroy();
	}
}

/**
 * A database of its own on `server`, named `prefix` and 12 random hex digits: empty, or a copy of
 * `template` (copied as files on PostgreSQL 15 and later, a tenth of the default's time for a
 * small database; earlier versions copy no other way). `admin`, a connection to `server` the
 * caller keeps open, saves opening one for each statement.
 */
export async function createDatabase(
	server: string,
	prefix: string,
	options: { template?: string; admin?: Db } = {}
): Promise<OwnDatabase> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	await onServer(server, options.admin, async (db) => {
		let from = sql``;
		if (options.template) {
			let copies = fileCopy.get(server);
			if (!copies) {
				copies = sql<{ server_version_num: string }>`show server_version_num`
					.execute(db)
					.then((r) => Number(r.rows[0].server_version_num) >= 150000);
				fileCopy.set(server, copies);
			}
			const strategy = (await copies) ? sql` strategy file_copy` : sql``;
			from = sql` template ${sql.id(options.template)}${strategy}`;
		}
		await sql`create database ${sql.id(name)}${from}`.execute(db);
	});
	return {
		name,
		url: withDatabase(server, name),
		drop: () =>
			onServer(server, options.admin, (db) =>
				sql`drop database if exists ${sql.id(name)} with (force)`.execute(db)
			)
	};
}
