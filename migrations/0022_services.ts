import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Support services beyond work (counselling, legal help, health care, safe housing...): listed
// by a vetted organization, reviewed by an administrator as a role is, then shown in the
// directory that anyone may read and keep on their phone.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('service')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		// counselling, legal, health, housing, cash_food, family or education.
		.addColumn('kind', 'text', (c) => c.notNull())
		// everyone, former_soldiers, families or women.
		.addColumn('audience', 'text', (c) => c.notNull())
		// An organization area (coarse, as a role's), or remote.
		.addColumn('area', 'text', (c) => c.notNull())
		.addColumn('name_my', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('description_my', 'text', (c) => c.notNull())
		.addColumn('description_en', 'text', (c) => c.notNull())
		// Languages spoken, comma-separated codes (my, en, th, karen...).
		.addColumn('languages', 'text', (c) => c.notNull())
		// 1: free of charge.
		.addColumn('free', 'integer', (c) => c.notNull())
		.addColumn('hours', 'text', (c) => c.notNull().defaultTo(''))
		// Optional, published only if the organization chooses to.
		.addColumn('walk_in', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
		// 1: an example from the starter data, which an administrator may remove.
		.addColumn('example', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reviewed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('reviewed_at', 'bigint')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('service_status').on('service').columns(['status', 'org_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('service').execute();
}
