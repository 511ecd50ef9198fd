import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// "Who saw me": who (an account id, and its organization's id if any) did what (an action's
// name) to which object (a learner, an application, an organization, a role) and when, and
// nothing else: no names, no free text, no areas, no skills, no network address. The ids are
// plain text with no foreign key, so deleting an account neither deletes nor blocks its audit
// rows; account deletion replaces the account's ids here with opaque ones instead.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('audit_event')
		// Empty for a failed sign-in with a name no account has.
		.addColumn('actor_id', 'text')
		.addColumn('actor_org_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('object_id', 'text')
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('audit_event_object').on('audit_event').columns(['object_id', 'at']).execute();
	await db.schema.createIndex('audit_event_actor').on('audit_event').column('actor_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_event').execute();
}
