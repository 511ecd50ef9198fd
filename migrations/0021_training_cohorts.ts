import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// A training's cohort after the places: attendance per session, the organization marking the
// training completed (a certificate for each participant who attended enough), a thread per
// participant and notices to all of them, and what each side has seen.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('training_attendance')
		.addColumn('session_id', 'text', (c) => c.notNull().references('training_session.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		// present, absent or excused.
		.addColumn('mark', 'text', (c) => c.notNull())
		.addColumn('marked_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('marked_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('training_attendance_pk', ['session_id', 'user_id'])
		.execute();
	await db.schema.createIndex('training_attendance_user').on('training_attendance').columns(['user_id']).execute();

	// When the organization marked the training completed (once).
	await db.schema.alterTable('training').addColumn('completed_at', 'bigint').execute();

	await db.schema
		.createTable('training_certificate')
		// The same shape as a course certificate's code; /verify/CODE reads both tables.
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('training_id', 'text', (c) => c.notNull().references('training.id').onDelete('cascade'))
		.addColumn('issued_at', 'bigint', (c) => c.notNull())
		// As a course certificate's: the holder chooses a name to show (or none), hides or revokes it.
		.addColumn('display_name', 'text')
		.addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('revoked_at', 'bigint')
		.addUniqueConstraint('training_certificate_once', ['user_id', 'training_id'])
		.execute();

	await db.schema
		.createTable('training_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('training_id', 'text', (c) => c.notNull().references('training.id').onDelete('cascade'))
		// The participant whose thread it is; null for a notice to every participant.
		.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('cascade'))
		// learner or organization.
		.addColumn('by', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('training_message_thread').on('training_message').columns(['training_id', 'user_id', 'at']).execute();

	// What each side last saw of a participant's place and thread, and the learner's mute.
	await db.schema.alterTable('training_place').addColumn('learner_seen_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('training_place').addColumn('org_seen_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('training_place').addColumn('learner_muted', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const column of ['learner_muted', 'org_seen_at', 'learner_seen_at'])
		await db.schema.alterTable('training_place').dropColumn(column).execute();
	for (const table of ['training_message', 'training_certificate', 'training_attendance'])
		await db.schema.dropTable(table).execute();
	await db.schema.alterTable('training').dropColumn('completed_at').execute();
}
