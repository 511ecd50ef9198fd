import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Vetting partner organizations: the areas an organization works in (fixed choices), and every
// decision an administrator takes on it (vetted, rejected, suspended, reinstated), with a note,
// who took it and when. Organizations are named in the open; the note is about the organization.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organization').addColumn('areas', 'text', (c) => c.notNull().defaultTo('[]')).execute();
	await db.schema
		.createTable('org_decision')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('decision', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('decided_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('org_decision_org').on('org_decision').columns(['org_id', 'decided_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('org_decision').execute();
	await db.schema.alterTable('organization').dropColumn('areas').execute();
}
