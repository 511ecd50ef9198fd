/**
 * Authoring. Administrators may author any course made in the app; members of a vetted
 * organization only their organization's courses. Starter courses are edited as files in
 * content/courses, never here. Every edit of a published course bumps its version; lessons and
 * quizzes keep their ids, so learners' progress survives.
 */
import type { Db } from '../db';
import type { AccountKind, CourseAudience, CourseCategory } from '../schema';
import type { QuizFile } from '../../schemas/course-content';
import { processImage, storeImage, type ImageError } from '../media/images';
import { refreshCourseIndex } from './catalogue';

export interface Author {
	userId: string;
	kind: AccountKind;
}

export type AuthorError = 'not_author' | 'no_course' | 'id_taken' | 'no_module' | 'no_lesson' | ImageError;
export type AuthorResult<T = object> = ({ ok: true } & T) | { ok: false; error: AuthorError };

type Scope = { admin: true } | { admin: false; orgId: string };

type Bilingual = { my: string; en: string };

/** Who may author, and for which organization; null for everyone else. */
export async function authorScope(db: Db, author: Author): Promise<Scope | null> {
	if (author.kind === 'admin') return { admin: true };
	if (author.kind !== 'org_member') return null;
	const membership = await db
		.selectFrom('org_member')
		.innerJoin('organization', 'organization.id', 'org_member.org_id')
		.select(['organization.id', 'organization.status'])
		.where('org_member.user_id', '=', author.userId)
		.executeTakeFirst();
	return membership?.status === 'vetted' ? { admin: false, orgId: membership.id } : null;
}

/** The course, if this author may edit it. */
async function editable(db: Db, author: Author, courseId: string) {
	const scope = await authorScope(db, author);
	if (!scope) return null;
	let query = db.selectFrom('course').selectAll().where('id', '=', courseId).where('origin', '=', 'authored');
	if (!scope.admin) query = query.where('owner_org_id', '=', scope.orgId);
	return (await query.executeTakeFirst()) ?? null;
}

/** Records an edit: a published course gets a new version and a fresh search index. */
async function touch(db: Db, courseId: string, now: number): Promise<void> {
	const course = await db.selectFrom('course').select(['status', 'version']).where('id', '=', courseId).executeTakeFirstOrThrow();
	const version = course.status === 'published' ? course.version + 1 : course.version;
	await db.updateTable('course').set({ updated_at: now, version }).where('id', '=', courseId).execute();
	await refreshCourseIndex(db, courseId);
}

export interface CourseDetails {
	category: CourseCategory;
	audience: CourseAudience;
	title: Bilingual;
	summary: Bilingual;
}

/** Starts a draft course owned by the author's organization (none for administrators). */
export async function createCourse(db: Db, author: Author, id: string, details: CourseDetails, now = Date.now()): Promise<AuthorResult> {
	const scope = await authorScope(db, author);
	if (!scope) return { ok: false, error: 'not_author' };
	if (await db.selectFrom('course').select('id').where('id', '=', id).executeTakeFirst()) return { ok: false, error: 'id_taken' };
	await db
		.insertInto('course')
		.values({
			id,
			version: 1,
			category: details.category,
			audience: details.audience,
			title_my: details.title.my,
			title_en: details.title.en,
			summary_my: details.summary.my,
			summary_en: details.summary.en,
			status: 'draft',
			owner_org_id: scope.admin ? null : scope.orgId,
			origin: 'authored',
			sources: '[]',
			size_bytes: 0,
			created_at: now,
			updated_at: now,
			published_at: null
		})
		.execute();
	await refreshCourseIndex(db, id);
	return { ok: true };
}

export async function updateCourseDetails(db: Db, author: Author, courseId: string, details: CourseDetails, now = Date.now()): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	await db
		.updateTable('course')
		.set({
			category: details.category,
			audience: details.audience,
			title_my: details.title.my,
			title_en: details.title.en,
			summary_my: details.summary.my,
			summary_en: details.summary.en
		})
		.where('id', '=', courseId)
		.execute();
	await touch(db, courseId, now);
	return { ok: true };
}

/** Adds a module or renames it. */
export async function saveModule(db: Db, author: Author, courseId: string, id: string, title: Bilingual, now = Date.now()): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const count = await db.selectFrom('course_module').select((eb) => eb.fn.countAll<number>().as('n')).where('course_id', '=', courseId).executeTakeFirstOrThrow();
	await db
		.insertInto('course_module')
		.values({ course_id: courseId, id, position: Number(count.n), title_my: title.my, title_en: title.en })
		.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet({ title_my: title.my, title_en: title.en }))
		.execute();
	await touch(db, courseId, now);
	return { ok: true };
}

export interface LessonInput {
	moduleId: string;
	id: string;
	minutes: number;
	title: Bilingual;
	body: Bilingual;
}

/** Adds a lesson at the end of its module's course order, or edits it in place. */
export async function saveLesson(db: Db, author: Author, courseId: string, lesson: LessonInput, now = Date.now()): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const module = await db.selectFrom('course_module').select('id').where('course_id', '=', courseId).where('id', '=', lesson.moduleId).executeTakeFirst();
	if (!module) return { ok: false, error: 'no_module' };
	const last = await db.selectFrom('lesson').select((eb) => eb.fn.max<number>('position').as('p')).where('course_id', '=', courseId).executeTakeFirst();
	const values = {
		module_id: lesson.moduleId,
		minutes: lesson.minutes,
		title_my: lesson.title.my,
		title_en: lesson.title.en,
		body_my: lesson.body.my,
		body_en: lesson.body.en,
		retired: 0
	};
	await db
		.insertInto('lesson')
		.values({ course_id: courseId, id: lesson.id, position: (last?.p ?? -1) + 1, ...values })
		.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet(values))
		.execute();
	await touch(db, courseId, now);
	return { ok: true };
}

/** Swaps a lesson with its neighbour before or after it. */
export async function moveLesson(db: Db, author: Author, courseId: string, lessonId: string, direction: 'up' | 'down', now = Date.now()): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const lessons = await db.selectFrom('lesson').select(['id', 'position']).where('course_id', '=', courseId).where('retired', '=', 0).orderBy('position').execute();
	const index = lessons.findIndex((l) => l.id === lessonId);
	if (index < 0) return { ok: false, error: 'no_lesson' };
	const other = lessons[direction === 'up' ? index - 1 : index + 1];
	if (!other) return { ok: true };
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('lesson').set({ position: other.position }).where('course_id', '=', courseId).where('id', '=', lessonId).execute();
		await trx.updateTable('lesson').set({ position: lessons[index].position }).where('course_id', '=', courseId).where('id', '=', other.id).execute();
	});
	await touch(db, courseId, now);
	return { ok: true };
}

/** Removes a lesson from the course; learners' records of it are kept. */
export async function retireLesson(db: Db, author: Author, courseId: string, lessonId: string, now = Date.now()): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const result = await db.updateTable('lesson').set({ retired: 1 }).where('course_id', '=', courseId).where('id', '=', lessonId).executeTakeFirst();
	if (result.numUpdatedRows === 0n) return { ok: false, error: 'no_lesson' };
	await touch(db, courseId, now);
	return { ok: true };
}

/** Sets the quiz that closes a module (validated against the content schema by the caller). */
export async function saveQuiz(db: Db, author: Author, courseId: string, moduleId: string, quiz: QuizFile, now = Date.now()): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const module = await db.selectFrom('course_module').select('position').where('course_id', '=', courseId).where('id', '=', moduleId).executeTakeFirst();
	if (!module) return { ok: false, error: 'no_module' };
	const values = {
		module_id: moduleId,
		position: module.position,
		title_my: quiz.title.my,
		title_en: quiz.title.en,
		pass_mark: quiz.passMark,
		questions: JSON.stringify(quiz.questions),
		retired: 0
	};
	await db
		.insertInto('quiz')
		.values({ course_id: courseId, id: quiz.id, ...values })
		.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet(values))
		.execute();
	await touch(db, courseId, now);
	return { ok: true };
}

/** The skills (with level) that completing the course grants. */
export async function setCourseSkills(
	db: Db,
	author: Author,
	courseId: string,
	skills: { id: string; level: number; name: Bilingual }[],
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	await db.transaction().execute(async (trx) => {
		for (const skill of skills) {
			await trx
				.insertInto('skill')
				.values({ id: skill.id, name_my: skill.name.my, name_en: skill.name.en })
				.onConflict((oc) => oc.column('id').doNothing())
				.execute();
		}
		await trx.deleteFrom('course_skill').where('course_id', '=', courseId).execute();
		if (skills.length) {
			await trx
				.insertInto('course_skill')
				.values(skills.map((s) => ({ course_id: courseId, skill_id: s.id, level: s.level })))
				.execute();
		}
	});
	await touch(db, courseId, now);
	return { ok: true };
}

/** Publishes (learners see it) or returns to draft (learners do not). */
export async function setPublished(db: Db, author: Author, courseId: string, published: boolean, now = Date.now()): Promise<AuthorResult> {
	const course = await editable(db, author, courseId);
	if (!course) return { ok: false, error: 'no_course' };
	await db
		.updateTable('course')
		.set({ status: published ? 'published' : 'draft', published_at: published ? now : course.published_at, updated_at: now })
		.where('id', '=', courseId)
		.execute();
	await refreshCourseIndex(db, courseId);
	return { ok: true };
}

/** Checks, re-encodes and stores an uploaded image; returns its address for lesson Markdown. */
export async function addCourseImage(
	db: Db,
	author: Author,
	courseId: string,
	bytes: Uint8Array,
	mediaDir: string,
	now = Date.now()
): Promise<AuthorResult<{ path: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const image = await processImage(bytes);
	if (!image.ok) return { ok: false, error: image.error };
	const name = await storeImage(`${mediaDir}/${courseId}`, image.webp);
	await db.insertInto('course_image').values({ name, course_id: courseId, bytes: image.webp.length, created_at: now }).execute();
	await touch(db, courseId, now);
	return { ok: true, path: `/media/courses/${courseId}/${name}` };
}
