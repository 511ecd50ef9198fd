import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Applications to roles: one per learner and role, with an optional message; its status moves
// applied -> shortlisted -> accepted or declined (by the organization), or withdrawn (by the
// learner), and every move is kept as the status history both sides see.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('application')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('role_id', 'text', (c) => c.notNull().references('role.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('application_role_user', ['role_id', 'user_id'])
		.execute();
	await db.schema.createIndex('application_user').on('application').columns(['user_id', 'updated_at']).execute();

	await db.schema
		.createTable('application_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		// learner or organization: who moved it (never which member).
		.addColumn('by', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('application_event_application').on('application_event').columns(['application_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('application_event').execute();
	await db.schema.dropTable('application').execute();
}
