import { sql, type Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Matching keeps in memory what it ranks (src/lib/server/matching/): the facts of learners
// visible to organizations, and the open roles. These triggers note what changed, whatever code
// changed it: a learner (by account id) or the roles. The server reloads just that, then deletes
// the notes it read; it also deletes them all at start. Triggers are SQLite syntax: a PostgreSQL
// deployment would write the same in PL/pgSQL.
const WATCHED = [
	['learner_profile', 'learner', 'user_id'],
	['user_skill', 'learner', 'user_id'],
	['user', 'learner', 'id'],
	['role', 'roles', 'id'],
	['role_skill', 'roles', 'role_id'],
	['organization', 'roles', 'id']
] as const;

export async function up(db: Kysely<any>): Promise<void> {
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
	for (const [table] of WATCHED) {
		for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger match_change_${table}_${event}`).execute(db);
	}
	await db.schema.dropTable('match_change').execute();
}
