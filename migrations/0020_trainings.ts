import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Trainings: an organization's in-person course for a group, on set days, with a fixed number of
// places, reviewed by an administrator as a role is. Its sessions, what it provides, the skills
// it teaches, and each learner's place: held, waiting (in the order asked), or offered (a freed
// place kept for them until a time).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('training')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('title_my', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('description_my', 'text', (c) => c.notNull())
		.addColumn('description_en', 'text', (c) => c.notNull())
		// families, former_soldiers or everyone.
		.addColumn('audience', 'text', (c) => c.notNull())
		// An organization area (coarse, as a role's).
		.addColumn('area', 'text', (c) => c.notNull())
		.addColumn('seats', 'integer', (c) => c.notNull())
		// Calendar day, YYYY-MM-DD: no new request after it.
		.addColumn('closes_on', 'text', (c) => c.notNull())
		// Where it meets, exactly: shown only to those holding a place; emptied once it has ended.
		.addColumn('meeting_point', 'text', (c) => c.notNull().defaultTo(''))
		// Per cent of the sessions a participant must attend to complete it.
		.addColumn('completion_share', 'integer', (c) => c.notNull().defaultTo(75))
		// 1: an example from the starter data, which an administrator may remove.
		.addColumn('example', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reviewed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('reviewed_at', 'bigint')
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('training_status').on('training').columns(['status', 'org_id']).execute();

	await db.schema
		.createTable('training_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('training_id', 'text', (c) => c.notNull().references('training.id').onDelete('cascade'))
		// Local time where it meets, YYYY-MM-DDTHH:MM.
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('ends_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('training_session_training').on('training_session').columns(['training_id', 'starts_at']).execute();

	await db.schema
		.createTable('training_provision')
		.addColumn('training_id', 'text', (c) => c.notNull().references('training.id').onDelete('cascade'))
		// materials, meals, travel_money, childcare or stipend.
		.addColumn('item', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('training_provision_pk', ['training_id', 'item'])
		.execute();

	await db.schema
		.createTable('training_skill')
		.addColumn('training_id', 'text', (c) => c.notNull().references('training.id').onDelete('cascade'))
		.addColumn('skill_id', 'text', (c) => c.notNull().references('skill.id').onDelete('cascade'))
		// The level a participant reaches.
		.addColumn('level', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('training_skill_pk', ['training_id', 'skill_id'])
		.execute();

	await db.schema
		.createTable('training_place')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('training_id', 'text', (c) => c.notNull().references('training.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		// holding, waiting, offered, withdrawn or declined.
		.addColumn('state', 'text', (c) => c.notNull())
		// When the learner asked (the waitlist's order).
		.addColumn('asked_at', 'bigint', (c) => c.notNull())
		// An offered place is kept until then.
		.addColumn('offered_until', 'bigint')
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('training_place_learner', ['training_id', 'user_id'])
		.execute();
	await db.schema.createIndex('training_place_order').on('training_place').columns(['training_id', 'state', 'asked_at']).execute();
	await db.schema.createIndex('training_place_user').on('training_place').columns(['user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['training_place', 'training_skill', 'training_provision', 'training_session', 'training'])
		await db.schema.dropTable(table).execute();
}
