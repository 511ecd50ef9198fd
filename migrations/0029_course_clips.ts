import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Sound clips uploaded or recorded for lessons and quizzes. The files (Ogg Opus written afresh,
// no tags) live under MEDIA_PATH beside the course's pictures; a row says which course a clip
// belongs to, its size (counted in the course's download "with audio") and its length.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('course_clip')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('duration_ms', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('course_clip_course').on('course_clip').column('course_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('course_clip').execute();
}
