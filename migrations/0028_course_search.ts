import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Course search on PostgreSQL: the text of each course (src/lib/server/db.ts writes and reads
// it), with a pg_trgm GIN index, so `ilike` finds a Burmese word inside longer Burmese text
// (written without spaces between words) as SQLite's FTS5 trigram index does. pg_trgm is one of
// PostgreSQL's standard extensions (the postgresql-contrib files; trusted, so the database's
// owner may create it). On SQLite this does nothing: there the index is an FTS5 table, derived
// data that db.ts makes when it opens the file.
// The database's locale is checked first, since both need it and neither would fail loudly:
// text sorts by code point (collation C or C.UTF-8), as SQLite sorts it and as matching's code
// compares ids and days (src/lib/server/matching/score.ts); and characters are read as UTF-8,
// without which pg_trgm sees no letters in Burmese and its index finds nothing by itself.
export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	const { rows } = await sql<{ collate: string; ctype: string }>`
		select datcollate as collate, datctype as ctype from pg_database where datname = current_database()`.execute(db);
	const { collate, ctype } = rows[0];
	if (!['C', 'POSIX', 'C.UTF-8', 'C.utf8'].includes(collate) || !/utf-?8/i.test(ctype))
		throw new Error(
			`The database sorts text as ${collate} and reads it as ${ctype}: make it with createdb --template=template0 --locale=C.UTF-8 (docs/operations.md)`
		);
	await sql`create extension if not exists pg_trgm`.execute(db);
	await db.schema
		.createTable('course_search')
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('course_search_course').on('course_search').column('course_id').execute();
	await sql`create index course_search_body on course_search using gin (body gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	await db.schema.dropTable('course_search').execute();
}
