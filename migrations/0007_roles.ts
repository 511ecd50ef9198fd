import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Roles that vetted organizations offer (medical volunteering, training, livelihood training,
// jobs, apprenticeships, remote work): bilingual texts (one language is enough), where, when,
// seats, pay if any and safety notes; required and preferred skills with a minimum level
// (languages are skills). States: draft -> submitted -> approved (by an administrator) -> open
// -> closed; an administrator may send a submitted role back to draft with a note.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('role')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title_my', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('description_my', 'text', (c) => c.notNull())
		.addColumn('description_en', 'text', (c) => c.notNull())
		.addColumn('safety_my', 'text', (c) => c.notNull())
		.addColumn('safety_en', 'text', (c) => c.notNull())
		// An area from the organizations' list, or null when the role is remote only.
		.addColumn('area', 'text')
		.addColumn('remote', 'integer', (c) => c.notNull())
		// full_time, part_time or volunteer.
		.addColumn('availability', 'text', (c) => c.notNull())
		.addColumn('pay', 'text', (c) => c.notNull())
		.addColumn('seats', 'integer', (c) => c.notNull())
		// Calendar days, YYYY-MM-DD.
		.addColumn('starts_on', 'text')
		.addColumn('closes_on', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reviewed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('reviewed_at', 'bigint')
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('role_status').on('role').columns(['status', 'org_id']).execute();
	await db.schema.createIndex('role_org').on('role').columns(['org_id', 'updated_at']).execute();

	await db.schema
		.createTable('role_skill')
		.addColumn('role_id', 'text', (c) => c.notNull().references('role.id').onDelete('cascade'))
		.addColumn('skill_id', 'text', (c) => c.notNull().references('skill.id'))
		.addColumn('level', 'integer', (c) => c.notNull())
		.addColumn('required', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('role_skill_pk', ['role_id', 'skill_id'])
		.execute();
	await db.schema.createIndex('role_skill_skill').on('role_skill').columns(['skill_id', 'level']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('role_skill').execute();
	await db.schema.dropTable('role').execute();
}
