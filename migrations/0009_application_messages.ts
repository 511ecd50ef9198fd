import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// A message thread per application, text only, so nobody has to share a phone number or a
// social-media account. Each message says which side wrote it (never which member).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('application_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
		.addColumn('by', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('application_message_thread').on('application_message').columns(['application_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('application_message').execute();
}
