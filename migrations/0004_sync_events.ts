import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Events a phone made offline (lesson done, quiz attempt), each with an id the phone chose.
// One row per (learner, event): the claim that makes applying an event happen exactly once.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sync_event')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('event_id', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('error', 'text')
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('sync_event_pk', ['user_id', 'event_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sync_event').execute();
}
