import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// "This is a shared phone": such a session ends when the browser closes, lives 12 hours at
// most, and its personal pages ask for the password again after a while without use. The
// session says it is shared, and keeps the time of its last request (only when shared).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('session').addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('session').addColumn('active_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('session').dropColumn('active_at').execute();
	await db.schema.alterTable('session').dropColumn('shared').execute();
}
