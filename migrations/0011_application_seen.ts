import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// In-app notification badges: when each side last opened an application, so news from the
// other side (a status change, a message, a new application) is counted until it is seen.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('application').addColumn('learner_seen_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('application').addColumn('org_seen_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.createIndex('application_message_by').on('application_message').columns(['application_id', 'by', 'at']).execute();
	await db.schema.createIndex('application_event_by').on('application_event').columns(['application_id', 'by', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('application_event_by').execute();
	await db.schema.dropIndex('application_message_by').execute();
	await db.schema.alterTable('application').dropColumn('org_seen_at').execute();
	await db.schema.alterTable('application').dropColumn('learner_seen_at').execute();
}
