import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Matching keeps in memory what it ranks (src/lib/server/matching/): the facts of learners
// visible to organizations, and the open roles. These triggers note what changed, whatever code
// changed it: a learner (by account id) or the roles. The server reloads just that, then deletes
// the notes it read; it also deletes them all at start. Triggers are SQLite syntax; on PostgreSQL
// (added once this had landed, so SQLite's schema stays exactly as it was) the same notes come
// from one PL/pgSQL function, given the kind and the column by each table's triggers, and the
// sequence number is a bigserial, since Kysely's autoIncrement is SQLite's and MySQL's word.
// Readers take the notes up to the newest they see, so notes must commit in the order of their
// numbers, as they do on SQLite (one writer). On PostgreSQL a statement that changes a watched
// table first takes the app's writer lock (src/lib/server/postgres.ts, WRITER_LOCK), which every
// transaction already holds: otherwise a later note committed first would be read, and the
// reader would move past an earlier one still uncommitted, never to see it.
const WRITER_LOCK = 0x4c616e70;
const WATCHED = [
	['learner_profile', 'learner', 'user_id'],
	['user_skill', 'learner', 'user_id'],
	['user', 'learner', 'id'],
	['role', 'roles', 'id'],
	['role_skill', 'roles', 'role_id'],
	['organization', 'roles', 'id']
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) return upPostgres(db);
	await db.schema
		.createTable('match_change')
		.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
		// 'learner' (ref: the account id) or 'roles' (ref: a role or organization id).
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('ref', 'text', (c) => c.notNull())
		.execute();
	for (const [table, kind, column] of WATCHED) {
		for (const event of ['insert', 'update', 'delete'] as const) {
			const row = event === 'delete' ? 'old' : 'new';
			await sql
				.raw(`create trigger match_change_${table}_${event} after ${event} on "${table}" begin insert into match_change (kind, ref) values ('${kind}', ${row}.${column}); end`)
				.execute(db);
		}
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) return downPostgres(db);
	for (const [table] of WATCHED) {
		for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger match_change_${table}_${event}`).execute(db);
	}
	await db.schema.dropTable('match_change').execute();
}

async function upPostgres(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('match_change')
		.addColumn('seq', 'bigserial', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('ref', 'text', (c) => c.notNull())
		.execute();
	// TG_ARGV: the kind, then the column naming the learner or the roles.
	await sql`
		create function match_change_note() returns trigger language plpgsql as $$
		begin
			insert into match_change (kind, ref)
			values (tg_argv[0], to_jsonb(case when tg_op = 'DELETE' then old else new end) ->> tg_argv[1]);
			return null;
		end $$`.execute(db);
	await sql
		.raw(`create function match_change_writer() returns trigger language plpgsql as $$ begin perform pg_advisory_xact_lock(${WRITER_LOCK}); return null; end $$`)
		.execute(db);
	for (const [table, kind, column] of WATCHED) {
		await sql
			.raw(`create trigger match_change_${table}_writer before insert or update or delete on "${table}" for each statement execute function match_change_writer()`)
			.execute(db);
		for (const event of ['insert', 'update', 'delete'] as const) {
			await sql
				.raw(`create trigger match_change_${table}_${event} after ${event} on "${table}" for each row execute function match_change_note('${kind}', '${column}')`)
				.execute(db);
		}
	}
}

async function downPostgres(db: Kysely<any>): Promise<void> {
	for (const [table] of WATCHED) {
		for (const event of ['insert', 'update', 'delete', 'writer']) await sql.raw(`drop trigger match_change_${table}_${event} on "${table}"`).execute(db);
	}
	await sql`drop function match_change_note()`.execute(db);
	await sql`drop function match_change_writer()`.execute(db);
	await db.schema.dropTable('match_change').execute();
}
