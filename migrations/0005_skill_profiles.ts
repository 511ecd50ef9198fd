import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// The curated skill taxonomy (groups, and three levels per skill described in plain words),
// the crosswalk from what a person did before (service or household work) to suggested skills,
// and a learner's profile for matching. What a person did before is never stored: the crosswalk
// only suggests skills, which the learner confirms as self-declared.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('skill_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name_my', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.execute();

	// Skills named by courses before the taxonomy keep working: no group until one is chosen.
	// (A skill_group id; not a declared foreign key, so the column can be dropped again.)
	await db.schema.alterTable('skill').addColumn('group_id', 'text').execute();
	await db.schema.alterTable('skill').addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	// Three levels (basic, working, can teach), each described in both languages, as JSON.
	await db.schema.alterTable('skill').addColumn('levels', 'text', (c) => c.notNull().defaultTo('{}')).execute();
	await db.schema.alterTable('skill').addColumn('updated_at', 'bigint').execute();
	await db.schema.createIndex('skill_group_position').on('skill').columns(['group_id', 'position']).execute();

	await db.schema
		.createTable('background')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name_my', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('background_skill')
		.addColumn('background_id', 'text', (c) => c.notNull().references('background.id').onDelete('cascade'))
		.addColumn('skill_id', 'text', (c) => c.notNull().references('skill.id').onDelete('cascade'))
		.addColumn('level', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('background_skill_pk', ['background_id', 'skill_id'])
		.execute();

	await db.schema
		.createTable('learner_profile')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
		// A coarse area from a short list, or 'unsaid'.
		.addColumn('area', 'text', (c) => c.notNull().defaultTo('unsaid'))
		// JSON arrays of fixed choices: availability (full_time, part_time, volunteer) and
		// interests (skill group ids). No free text.
		.addColumn('availability', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('remote_ok', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('interests', 'text', (c) => c.notNull().defaultTo('[]'))
		// hidden (default), vetted (visible to vetted organizations), applied (only to those applied to).
		.addColumn('visibility', 'text', (c) => c.notNull().defaultTo('hidden'))
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('learner_profile').execute();
	await db.schema.dropTable('background_skill').execute();
	await db.schema.dropTable('background').execute();
	await db.schema.dropIndex('skill_group_position').execute();
	await db.schema.alterTable('skill').dropColumn('updated_at').execute();
	await db.schema.alterTable('skill').dropColumn('levels').execute();
	await db.schema.alterTable('skill').dropColumn('position').execute();
	await db.schema.alterTable('skill').dropColumn('group_id').execute();
	await db.schema.dropTable('skill_group').execute();
}
