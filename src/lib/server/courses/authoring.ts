/**
 * Authoring. Administrators may author any course made in the app; members of a vetted
 * organization only their organization's courses. Starter courses are edited as files in
 * content/courses, never here. Every edit of a published course bumps its version; lessons and
 * quizzes keep their ids, so learners' progress survives. Each edit, its version bump and the
 * search index are written in one transaction: a full database refuses the edit whole.
 */
import { inTransaction, type Db } from '../db';
import type {
	AccountKind,
	CourseAudience,
	CourseCategory,
	CourseExpert,
	CourseStatus
} from '../schema';
import { COURSE_LEVEL_MAX } from '../../courses/levels';
import { publicationApproved, recordPublication } from './review';
import type { Question, QuizFile } from '../../schemas/course-content';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
import { processImage, storeImage, type ImageError } from '../media/images';
import { publishCourse, refreshCourseIndex } from './catalogue';
import { randomToken } from '../auth/tokens';
import { skillIdFrom, slugify } from '../text/slug';
import type { Result } from '$lib/result';

export interface Author {
	userId: string;
	kind: AccountKind;
}

export type AuthorError =
	| 'not_author'
	| 'no_course'
	| 'id_taken'
	| 'no_module'
	| 'no_lesson'
	| 'no_quiz'
	| 'no_question'
	| 'quiz_exists'
	| 'last_question'
	| 'no_skill'
	| 'not_ready'
	| 'level_too_high'
	| ImageError;
export type AuthorResult<T extends object = object> = Result<T, AuthorError>;

type Scope = { admin: true } | { admin: false; orgId: string };

/** The signed-in account as an author; what it may edit is decided by each function. */
export function authorOf(user: { id: string; kind: AccountKind }): Author {
	return { userId: user.id, kind: user.kind };
}

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
export async function editable(db: Db, author: Author, courseId: string) {
	const scope = await authorScope(db, author);
	if (!scope) return null;
	let query = db
		.selectFrom('course')
		.selectAll()
		.where('id', '=', courseId)
		.where('origin', '=', 'authored');
	if (!scope.admin) query = query.where('owner_org_id', '=', scope.orgId);
	return (await query.executeTakeFirst()) ?? null;
}

/** Records an edit: a published course gets a new version and a fresh search index. */
async function touch(db: Db, courseId: string, now: number): Promise<void> {
	const course = await db
		.selectFrom('course')
		.select(['status', 'version'])
		.where('id', '=', courseId)
		.executeTakeFirstOrThrow();
	const version = course.status === 'published' ? course.version + 1 : course.version;
	await db
		.updateTable('course')
		.set({ updated_at: now, version })
		.where('id', '=', courseId)
		.execute();
	await refreshCourseIndex(db, courseId);
}

export interface CourseDetails {
	category: CourseCategory;
	audience: CourseAudience;
	title: Bilingual;
	summary: Bilingual;
	/** A practical skill, which needs in-person practice: completing the course records less (courses/levels.ts). */
	practical?: boolean;
	/** Which subject expert must review it. */
	expert?: CourseExpert | null;
}

const detailColumns = (details: CourseDetails) => ({
	category: details.category,
	audience: details.audience,
	title_my: details.title.my,
	title_en: details.title.en,
	summary_my: details.summary.my,
	summary_en: details.summary.en,
	practical: details.practical ? 1 : 0,
	expert: details.expert ?? null
});

/** Starts a draft course owned by the author's organization (none for administrators). */
export async function createCourse(
	db: Db,
	author: Author,
	id: string,
	details: CourseDetails,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		const scope = await authorScope(db, author);
		if (!scope) return { ok: false, error: 'not_author' };
		if (await db.selectFrom('course').select('id').where('id', '=', id).executeTakeFirst())
			return { ok: false, error: 'id_taken' };
		await db
			.insertInto('course')
			.values({
				id,
				version: 1,
				...detailColumns(details),
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
	});
}

export async function updateCourseDetails(
	db: Db,
	author: Author,
	courseId: string,
	details: CourseDetails,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		await db.updateTable('course').set(detailColumns(details)).where('id', '=', courseId).execute();
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** Adds a module or renames it. */
export async function saveModule(
	db: Db,
	author: Author,
	courseId: string,
	id: string,
	title: Bilingual,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const count = await db
			.selectFrom('course_module')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('course_id', '=', courseId)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('course_module')
			.values({
				course_id: courseId,
				id,
				position: Number(count.n),
				title_my: title.my,
				title_en: title.en
			})
			.onConflict((oc) =>
				oc.columns(['course_id', 'id']).doUpdateSet({ title_my: title.my, title_en: title.en })
			)
			.execute();
		await touch(db, courseId, now);
		return { ok: true };
	});
}

export interface LessonInput {
	moduleId: string;
	id: string;
	minutes: number;
	title: Bilingual;
	body: Bilingual;
}

/** Adds a lesson at the end of its module's course order, or edits it in place. */
export async function saveLesson(
	db: Db,
	author: Author,
	courseId: string,
	lesson: LessonInput,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const module = await db
			.selectFrom('course_module')
			.select('id')
			.where('course_id', '=', courseId)
			.where('id', '=', lesson.moduleId)
			.executeTakeFirst();
		if (!module) return { ok: false, error: 'no_module' };
		const last = await db
			.selectFrom('lesson')
			.select((eb) => eb.fn.max<number>('position').as('p'))
			.where('course_id', '=', courseId)
			.executeTakeFirst();
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
		await renumberLessons(db, courseId);
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** Keeps the course-wide lesson order (which the reader follows) in module order. */
async function renumberLessons(db: Db, courseId: string): Promise<void> {
	const lessons = await db
		.selectFrom('lesson')
		.innerJoin('course_module', (join) =>
			join
				.onRef('course_module.course_id', '=', 'lesson.course_id')
				.onRef('course_module.id', '=', 'lesson.module_id')
		)
		.select(['lesson.id', 'lesson.position'])
		.where('lesson.course_id', '=', courseId)
		.orderBy('course_module.position')
		.orderBy('lesson.position')
		.execute();
	await inTransaction(db, async (trx) => {
		for (const [position, lesson] of lessons.entries()) {
			if (lesson.position !== position)
				await trx
					.updateTable('lesson')
					.set({ position })
					.where('course_id', '=', courseId)
					.where('id', '=', lesson.id)
					.execute();
		}
	});
}

/** Swaps a lesson with its neighbour before or after it in the same module. */
export async function moveLesson(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string,
	direction: 'up' | 'down',
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const moving = await db
			.selectFrom('lesson')
			.select('module_id')
			.where('course_id', '=', courseId)
			.where('id', '=', lessonId)
			.where('retired', '=', 0)
			.executeTakeFirst();
		if (!moving) return { ok: false, error: 'no_lesson' };
		const lessons = await db
			.selectFrom('lesson')
			.select(['id', 'position'])
			.where('course_id', '=', courseId)
			.where('module_id', '=', moving.module_id)
			.where('retired', '=', 0)
			.orderBy('position')
			.execute();
		const index = lessons.findIndex((l) => l.id === lessonId);
		const other = lessons[direction === 'up' ? index - 1 : index + 1];
		if (!other) return { ok: true };
		await inTransaction(db, async (trx) => {
			await trx
				.updateTable('lesson')
				.set({ position: other.position })
				.where('course_id', '=', courseId)
				.where('id', '=', lessonId)
				.execute();
			await trx
				.updateTable('lesson')
				.set({ position: lessons[index].position })
				.where('course_id', '=', courseId)
				.where('id', '=', other.id)
				.execute();
		});
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** Removes a lesson from the course; learners' records of it are kept. */
export async function retireLesson(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const result = await db
			.updateTable('lesson')
			.set({ retired: 1 })
			.where('course_id', '=', courseId)
			.where('id', '=', lessonId)
			.executeTakeFirst();
		if (result.numUpdatedRows === 0n) return { ok: false, error: 'no_lesson' };
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** Sets the quiz that closes a module (validated against the content schema by the caller). */
export async function saveQuiz(
	db: Db,
	author: Author,
	courseId: string,
	moduleId: string,
	quiz: QuizFile,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const module = await db
			.selectFrom('course_module')
			.select('position')
			.where('course_id', '=', courseId)
			.where('id', '=', moduleId)
			.executeTakeFirst();
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
	});
}

/**
 * The skills (with level) that completing the course grants: at most "working", as a quiz on a
 * phone can show no more (courses/levels.ts). A skill new to Lanpya that an organization names
 * is its proposal: nobody else sees it until an administrator places it (skills/editing.ts).
 */
export async function setCourseSkills(
	db: Db,
	author: Author,
	courseId: string,
	skills: { id: string; level: number; name: Bilingual }[],
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		if (skills.some((s) => !Number.isInteger(s.level) || s.level < 1 || s.level > COURSE_LEVEL_MAX))
			return { ok: false, error: 'level_too_high' };
		const scope = (await authorScope(db, author))!;
		await inTransaction(db, async (trx) => {
			for (const skill of skills) {
				await trx
					.insertInto('skill')
					.values({
						id: skill.id,
						name_my: skill.name.my,
						name_en: skill.name.en,
						proposed_by_org: scope.admin ? null : scope.orgId
					})
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
	});
}

/**
 * Publishes (learners see it) or returns to draft (learners do not). An organization's course
 * is published the first time only by an administrator's approval: asking to publish it makes
 * it `submitted` until then (courses/review.ts); once approved, its organization publishes and
 * withdraws it itself. An administrator publishing an organization's course approves it.
 */
export async function setPublished(
	db: Db,
	author: Author,
	courseId: string,
	published: boolean,
	now = Date.now()
): Promise<AuthorResult<{ status: CourseStatus }>> {
	return inTransaction(db, async (db) => {
		const course = await editable(db, author, courseId);
		if (!course) return { ok: false, error: 'no_course' };
		if (!published) {
			await db
				.updateTable('course')
				.set({ status: 'draft', updated_at: now })
				.where('id', '=', courseId)
				.execute();
			await refreshCourseIndex(db, courseId);
			return { ok: true, status: 'draft' };
		}
		if ((await publishProblems(db, courseId)).length > 0) return { ok: false, error: 'not_ready' };
		const needsApproval =
			course.owner_org_id !== null && !(await publicationApproved(db, courseId));
		if (needsApproval && author.kind !== 'admin') {
			if (course.status !== 'submitted')
				await db
					.updateTable('course')
					.set({ status: 'submitted', review_note: '', updated_at: now })
					.where('id', '=', courseId)
					.execute();
			return { ok: true, status: 'submitted' };
		}
		if (needsApproval) await recordPublication(db, courseId, course.version, author.userId, now);
		await publishCourse(db, course, now);
		return { ok: true, status: 'published' };
	});
}

/** Checks, re-encodes and stores an uploaded image; returns its address for lesson Markdown. */
export async function addCourseImage(
	db: Db,
	author: Author,
	courseId: string,
	bytes: Uint8Array,
	mediaDir: string,
	now = Date.now()
): Promise<AuthorResult<{ path: string; name: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const image = await processImage(bytes);
	if (!image.ok) return { ok: false, error: image.error };
	const name = await storeImage(`${mediaDir}/${courseId}`, image.webp);
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('course_image')
			.values({ name, course_id: courseId, bytes: image.webp.length, created_at: now })
			.execute();
		await touch(trx, courseId, now);
	});
	return { ok: true, path: `/media/courses/${courseId}/${name}`, name };
}

/** Starts a draft course with an id made from its English title and a random suffix. */
export async function addCourse(
	db: Db,
	author: Author,
	details: CourseDetails,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	const id = `${slugify(details.title.en) || 'course'}-${randomToken(3)}`;
	const result = await createCourse(db, author, id, details, now);
	return result.ok ? { ok: true, id } : result;
}

/** The first id `prefix-N` not used yet among `taken`. */
function nextId(prefix: string, taken: string[]): string {
	for (let n = taken.length + 1; ; n++)
		if (!taken.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** Adds a module at the end of the course. */
export async function addModule(
	db: Db,
	author: Author,
	courseId: string,
	title: Bilingual,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const taken = await db
		.selectFrom('course_module')
		.select('id')
		.where('course_id', '=', courseId)
		.execute();
	const id = nextId(
		'part',
		taken.map((t) => t.id)
	);
	const result = await saveModule(db, author, courseId, id, title, now);
	return result.ok ? { ok: true, id } : result;
}

/** Adds a lesson at the end of a module; a lesson always has a title and text. */
export async function addLesson(
	db: Db,
	author: Author,
	courseId: string,
	lesson: Omit<LessonInput, 'id'>,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const taken = await db
		.selectFrom('lesson')
		.select('id')
		.where('course_id', '=', courseId)
		.execute();
	const id = nextId(
		'lesson',
		taken.map((t) => t.id)
	);
	const result = await saveLesson(db, author, courseId, { ...lesson, id }, now);
	return result.ok ? { ok: true, id } : result;
}

/** Edits a lesson that exists (retired lessons included: saving brings one back). */
export async function updateLesson(
	db: Db,
	author: Author,
	courseId: string,
	lesson: Omit<LessonInput, 'moduleId'>,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const existing = await db
		.selectFrom('lesson')
		.select('module_id')
		.where('course_id', '=', courseId)
		.where('id', '=', lesson.id)
		.executeTakeFirst();
	if (!existing) return { ok: false, error: 'no_lesson' };
	return saveLesson(db, author, courseId, { ...lesson, moduleId: existing.module_id }, now);
}

/** Adds the quiz that closes a module, with its first question (a quiz is never empty). */
export async function addQuiz(
	db: Db,
	author: Author,
	courseId: string,
	moduleId: string,
	details: { title: Bilingual; passMark: number },
	first: DistributiveOmit<Question, 'id'>,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const existing = await db
		.selectFrom('quiz')
		.select('id')
		.where('course_id', '=', courseId)
		.where('module_id', '=', moduleId)
		.where('retired', '=', 0)
		.executeTakeFirst();
	if (existing) return { ok: false, error: 'quiz_exists' };
	const taken = await db
		.selectFrom('quiz')
		.select('id')
		.where('course_id', '=', courseId)
		.execute();
	const id = nextId(
		'quiz',
		taken.map((t) => t.id)
	);
	const question = { ...first, id: 'question-1' } as Question;
	const result = await saveQuiz(
		db,
		author,
		courseId,
		moduleId,
		{ id, ...details, questions: [question] },
		now
	);
	return result.ok ? { ok: true, id } : result;
}

/** A quiz of this course as stored, if it exists and is not retired. */
async function storedQuiz(db: Db, courseId: string, quizId: string) {
	const row = await db
		.selectFrom('quiz')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', quizId)
		.where('retired', '=', 0)
		.executeTakeFirst();
	if (!row) return null;
	const quiz: QuizFile = {
		id: row.id,
		passMark: row.pass_mark,
		title: { my: row.title_my, en: row.title_en },
		questions: JSON.parse(row.questions)
	};
	return { moduleId: row.module_id, quiz };
}

/** Renames a quiz or changes its pass mark. */
export async function updateQuizDetails(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string,
	title: Bilingual,
	passMark: number,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const stored = await storedQuiz(db, courseId, quizId);
	if (!stored) return { ok: false, error: 'no_quiz' };
	return saveQuiz(db, author, courseId, stored.moduleId, { ...stored.quiz, title, passMark }, now);
}

/** Adds a question (`questionId` null) or replaces one; a new question gets the next free id. */
export async function saveQuestion(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string,
	questionId: string | null,
	question: DistributiveOmit<Question, 'id'>,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const stored = await storedQuiz(db, courseId, quizId);
	if (!stored) return { ok: false, error: 'no_quiz' };
	const questions = stored.quiz.questions;
	let id = questionId;
	if (id === null) {
		id = nextId(
			'question',
			questions.map((q) => q.id)
		);
		questions.push({ ...question, id } as Question);
	} else {
		const index = questions.findIndex((q) => q.id === questionId);
		if (index < 0) return { ok: false, error: 'no_question' };
		questions[index] = { ...question, id } as Question;
	}
	const result = await saveQuiz(db, author, courseId, stored.moduleId, stored.quiz, now);
	return result.ok ? { ok: true, id } : result;
}

/** Takes a question out of a quiz; attempts already made keep their scores. */
export async function removeQuestion(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string,
	questionId: string,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const stored = await storedQuiz(db, courseId, quizId);
	if (!stored) return { ok: false, error: 'no_quiz' };
	const questions = stored.quiz.questions.filter((q) => q.id !== questionId);
	if (questions.length === stored.quiz.questions.length) return { ok: false, error: 'no_question' };
	if (questions.length === 0) return { ok: false, error: 'last_question' };
	return saveQuiz(db, author, courseId, stored.moduleId, { ...stored.quiz, questions }, now);
}

export type PublishProblem = { kind: 'no_lessons' } | { kind: 'empty_module'; module: Bilingual };

/** Why a course cannot be published yet: it needs lessons, and no module may be empty. */
export async function publishProblems(db: Db, courseId: string): Promise<PublishProblem[]> {
	const modules = await db
		.selectFrom('course_module')
		.select(['id', 'title_my', 'title_en'])
		.where('course_id', '=', courseId)
		.orderBy('position')
		.execute();
	const lessons = await db
		.selectFrom('lesson')
		.select('module_id')
		.where('course_id', '=', courseId)
		.where('retired', '=', 0)
		.execute();
	if (lessons.length === 0) return [{ kind: 'no_lessons' }];
	return modules
		.filter((m) => !lessons.some((l) => l.module_id === m.id))
		.map((m) => ({ kind: 'empty_module' as const, module: { my: m.title_my, en: m.title_en } }));
}

/**
 * Sets the skills a course grants from skills that exist, plus at most one new skill named by
 * the author (a skill with the same id is reused).
 */
export async function chooseCourseSkills(
	db: Db,
	author: Author,
	courseId: string,
	picks: { id: string; level: number }[],
	newSkill: { name: Bilingual; level: number } | null,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const scope = (await authorScope(db, author))!;
	const known = picks.length
		? await visibleSkills(db, scope)
				.where(
					'id',
					'in',
					picks.map((p) => p.id)
				)
				.execute()
		: [];
	if (known.length !== picks.length) return { ok: false, error: 'no_skill' };
	const skills = picks.map((p) => {
		const skill = known.find((k) => k.id === p.id)!;
		return { id: p.id, level: p.level, name: { my: skill.name_my, en: skill.name_en } };
	});
	if (newSkill) {
		const id = skillIdFrom(newSkill.name.en) || `skill_${randomToken(4)}`;
		if (!skills.some((s) => s.id === id))
			skills.push({ id, level: newSkill.level, name: newSkill.name });
	}
	return setCourseSkills(db, author, courseId, skills, now);
}

/** The skills an author may name: every accepted skill, and those the author's own organization proposed. */
export function visibleSkills(db: Db, scope: Scope) {
	const query = db.selectFrom('skill').selectAll();
	return scope.admin
		? query
		: query.where((eb) =>
				eb.or([eb('proposed_by_org', 'is', null), eb('proposed_by_org', '=', scope.orgId)])
			);
}

/** Brings a retired lesson back at the end of its module. */
export async function restoreLesson(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string,
	now = Date.now()
): Promise<AuthorResult> {
	const lesson = await db
		.selectFrom('lesson')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', lessonId)
		.executeTakeFirst();
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	if (!lesson) return { ok: false, error: 'no_lesson' };
	return saveLesson(
		db,
		author,
		courseId,
		{
			id: lesson.id,
			moduleId: lesson.module_id,
			minutes: lesson.minutes,
			title: { my: lesson.title_my, en: lesson.title_en },
			body: { my: lesson.body_my, en: lesson.body_en }
		},
		now
	);
}

/** Renames a module that exists. */
export async function renameModule(
	db: Db,
	author: Author,
	courseId: string,
	moduleId: string,
	title: Bilingual,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const module = await db
		.selectFrom('course_module')
		.select('id')
		.where('course_id', '=', courseId)
		.where('id', '=', moduleId)
		.executeTakeFirst();
	if (!module) return { ok: false, error: 'no_module' };
	return saveModule(db, author, courseId, moduleId, title, now);
}
