import { sql, type Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Who reviewed a course, and what a course can show:
// - course_review: an administrator's marks on a course version: its first publication approved
//   (an organization's course reaches learners only after that), and its text reviewed by a
//   native Burmese reader and by a subject expert. A new version of the text asks again.
// - course.practical (a practical skill, which a quiz on a phone cannot show) and course.expert
//   (which subject expert must review it), from course.json or the course's details;
//   course.review_note: why an administrator sent a course back.
// - skill.proposed_by_org: a skill an organization named for its course waits, unseen by
//   learners, candidates and other organizations, until an administrator places it.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('course').addColumn('practical', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('course').addColumn('expert', 'text').execute();
	await db.schema.alterTable('course').addColumn('review_note', 'text', (c) => c.notNull().defaultTo('')).execute();
	await db.schema.alterTable('skill').addColumn('proposed_by_org', 'text').execute();
	await db.schema
		.createTable('course_review')
		.addColumn('course_id', 'text', (c) => c.notNull().references('course.id').onDelete('cascade'))
		.addColumn('course_version', 'integer', (c) => c.notNull())
		// publication | language | expert
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('marked_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('marked_at', 'bigint', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('course_review_pk', ['course_id', 'course_version', 'kind'])
		.execute();
	await db.schema.createIndex('course_review_marked_by').on('course_review').column('marked_by').execute();
	// Organizations' courses published before this review existed wait for an administrator, as new ones do.
	await sql`update course set status = 'submitted' where origin = 'authored' and owner_org_id is not null and status = 'published'`.execute(db);
	// Skills in no group that only organizations' courses name were made by those organizations: they wait too.
	await sql`
		update skill set proposed_by_org = (
			select c.owner_org_id from course_skill cs join course c on c.id = cs.course_id
			where cs.skill_id = skill.id and c.owner_org_id is not null order by c.created_at limit 1)
		where group_id is null
			and exists (select 1 from course_skill cs join course c on c.id = cs.course_id where cs.skill_id = skill.id and c.owner_org_id is not null)
			and not exists (select 1 from course_skill cs join course c on c.id = cs.course_id where cs.skill_id = skill.id and c.owner_org_id is null)
			and not exists (select 1 from role_skill rs where rs.skill_id = skill.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`update course set status = case when published_at is not null then 'published' else 'draft' end where status = 'submitted'`.execute(db);
	await db.schema.dropTable('course_review').execute();
	await db.schema.alterTable('skill').dropColumn('proposed_by_org').execute();
	await db.schema.alterTable('course').dropColumn('review_note').execute();
	await db.schema.alterTable('course').dropColumn('expert').execute();
	await db.schema.alterTable('course').dropColumn('practical').execute();
}
