import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Deleting accounts, by their holder or after long disuse:
// - user.last_active_at: the day an account was last used (signed in, or a request with its
//   session, sync included), so accounts unused for a long time can be deleted.
// - application.user_id may be empty: when a learner deletes their account, the organization
//   keeps its application as withdrawn, detached from any account (on delete set null instead
//   of cascade).
// SQLite cannot change a column's constraints in place, so the application table is rebuilt
// the way SQLite documents (https://sqlite.org/lang_altertable.html#otheralter): foreign keys
// off, a new table, copy, drop, rename, indexes, a foreign key check, all in one transaction.
// PostgreSQL (added once this had landed, so SQLite's schema stays exactly as it was) drops the
// column's NOT NULL and replaces its foreign key instead: it has no such pragmas, and its
// migrations already run in one transaction, which cannot open another.
const DAY = 24 * 60 * 60 * 1000;

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('user').addColumn('last_active_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	// Accounts made before this column count as used on the day it came: none is deleted for
	// disuse that was never measured.
	await db.updateTable('user').set({ last_active_at: Math.floor(Date.now() / DAY) * DAY }).execute();
	await rebuildApplication(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
	// The old table cannot hold an application without an account: those of deleted accounts go,
	// with their history (foreign keys are still on, so the delete cascades).
	await db.deleteFrom('application').where('user_id', 'is', null).execute();
	await rebuildApplication(db, false);
	await db.schema.alterTable('user').dropColumn('last_active_at').execute();
}

async function rebuildApplication(db: Kysely<any>, detachable: boolean): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) return alterApplicationPostgres(db, detachable);
	// Dropping the old table with foreign keys on would delete every event and message with it.
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			await trx.schema
				.createTable('application_new')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('role_id', 'text', (c) => c.notNull().references('role.id').onDelete('cascade'))
				.addColumn('user_id', 'text', (c) => (detachable ? c.references('user.id').onDelete('set null') : c.notNull().references('user.id').onDelete('cascade')))
				.addColumn('message', 'text', (c) => c.notNull())
				.addColumn('status', 'text', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.addColumn('updated_at', 'bigint', (c) => c.notNull())
				.addColumn('learner_seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
				.addColumn('org_seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
				.addUniqueConstraint('application_role_user', ['role_id', 'user_id'])
				.execute();
			const columns = sql.raw('id, role_id, user_id, message, status, created_at, updated_at, learner_seen_at, org_seen_at');
			await sql`insert into application_new (${columns}) select ${columns} from application`.execute(trx);
			await trx.schema.dropTable('application').execute();
			await trx.schema.alterTable('application_new').renameTo('application').execute();
			await trx.schema.createIndex('application_user').on('application').columns(['user_id', 'updated_at']).execute();
			const broken = await sql`pragma foreign_key_check`.execute(trx);
			if (broken.rows.length > 0) throw new Error(`rebuilding application broke ${broken.rows.length} foreign keys`);
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

async function alterApplicationPostgres(db: Kysely<any>, detachable: boolean): Promise<void> {
	await sql`alter table application drop constraint application_user_id_fkey`.execute(db);
	if (detachable) {
		await sql`alter table application alter column user_id drop not null`.execute(db);
		await sql`alter table application add constraint application_user_id_fkey foreign key (user_id) references "user" (id) on delete set null`.execute(db);
	} else {
		await sql`alter table application alter column user_id set not null`.execute(db);
		await sql`alter table application add constraint application_user_id_fkey foreign key (user_id) references "user" (id) on delete cascade`.execute(db);
	}
}
