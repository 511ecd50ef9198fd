import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Ids of courses, modules, lessons and quizzes are stable slugs chosen by the author, so a new
// version of a course keeps every learner's progress. Bilingual text is one column per language.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('skill')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name_my', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('course')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull())
		.addColumn('title_my', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('summary_my', 'text', (c) => c.notNull())
		.addColumn('summary_en', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('owner_org_id', 'text', (c) => c.references('organization.id').onDelete('set null'))
		.addColumn('origin', 'text', (c) => c.notNull())
		.addColumn('sources', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addColumn('published_at', 'bigint')
		.execute();
	await db.schema.createIndex('course_status').on('course').columns(['status', 'category']).execute();

	await db.schema
		.createTable('course_skill')
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('skill_id', 'text', (c) => c.notNull().references('skill.id'))
		.addColumn('level', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('course_skill_pk', ['course_id', 'skill_id'])
		.execute();

	await db.schema
		.createTable('course_module')
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title_my', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('course_module_pk', ['course_id', 'id'])
		.execute();

	await db.schema
		.createTable('lesson')
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('module_id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('minutes', 'integer', (c) => c.notNull())
		.addColumn('title_my', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('body_my', 'text', (c) => c.notNull())
		.addColumn('body_en', 'text', (c) => c.notNull())
		.addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('lesson_pk', ['course_id', 'id'])
		.execute();

	await db.schema
		.createTable('quiz')
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('module_id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title_my', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('pass_mark', 'integer', (c) => c.notNull())
		.addColumn('questions', 'text', (c) => c.notNull())
		.addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('quiz_pk', ['course_id', 'id'])
		.execute();

	await db.schema
		.createTable('course_image')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('enrolment')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('enrolled_at', 'bigint', (c) => c.notNull())
		.addColumn('completed_at', 'bigint')
		.addPrimaryKeyConstraint('enrolment_pk', ['user_id', 'course_id'])
		.execute();

	await db.schema
		.createTable('lesson_progress')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('done_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('lesson_progress_pk', ['user_id', 'course_id', 'lesson_id'])
		.execute();

	await db.schema
		.createTable('quiz_attempt')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('score', 'integer', (c) => c.notNull())
		.addColumn('passed', 'integer', (c) => c.notNull())
		.addColumn('answers', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('quiz_attempt_user').on('quiz_attempt').columns(['user_id', 'course_id', 'quiz_id']).execute();

	await db.schema
		.createTable('user_skill')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('skill_id', 'text', (c) => c.notNull().references('skill.id'))
		.addColumn('level', 'integer', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('source_ref', 'text', (c) => c.notNull())
		.addColumn('granted_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('user_skill_pk', ['user_id', 'skill_id', 'source', 'source_ref'])
		.execute();

	await db.schema
		.createTable('certificate')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('course_version', 'integer', (c) => c.notNull())
		.addColumn('issued_at', 'bigint', (c) => c.notNull())
		.addColumn('display_name', 'text')
		.addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('revoked_at', 'bigint')
		.addUniqueConstraint('certificate_user_course', ['user_id', 'course_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['certificate', 'user_skill', 'quiz_attempt', 'lesson_progress', 'enrolment', 'course_image', 'quiz', 'lesson', 'course_module', 'course_skill', 'course', 'skill']) {
		await db.schema.dropTable(table).execute();
	}
}
