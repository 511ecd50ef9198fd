/**
 * A learner's progress. Rules, which hold in whatever order events arrive:
 * - marking a lesson done is idempotent and never undone;
 * - quiz attempts are appended; the best score counts;
 * - a course completes when every current lesson is done and every current quiz passed, and
 *   completion only moves forward (a later version with new lessons does not undo it);
 * - on completion the course's skills are granted ("verified by course", at most at the level a
 *   course can show: src/lib/courses/levels.ts) and one certificate is issued. A skill an
 *   organization proposed is granted once an administrator accepts it (`grantAcceptedSkill`).
 */
import type { Db } from '../db';
import { liveLessons, liveQuizzes } from './contents';
import { newCertificateCode, newId } from '../auth/tokens';
import { scoreQuiz, type QuizScore } from '$lib/courses/scoring';
import { readAnswers, type Answers } from '$lib/courses/answers';
import { courseGrantLevel } from '$lib/courses/levels';
import { toUnicode } from '../text/normalize';
import { grantFromCourse } from '../skills/grants';
import { DAY_MS, QUOTAS, withinQuota, type Quota } from '../quotas';
import type { QuizFile } from '../../schemas/course-content';
import type { Result } from '$lib/result';

/** `invalid_answer`: an answer its question cannot take (src/lib/courses/answers.ts); the attempt is refused whole. */
export type ProgressError = 'no_course' | 'no_lesson' | 'no_quiz' | 'invalid_answer';
export type ProgressResult<T extends object> = Result<T, ProgressError>;

async function publishedCourse(db: Db, courseId: string) {
	return db
		.selectFrom('course')
		.select(['id', 'version'])
		.where('id', '=', courseId)
		.where('status', '=', 'published')
		.executeTakeFirst();
}

/** Enrols a learner in a published course; enrolling twice changes nothing. */
export async function enrol(
	db: Db,
	userId: string,
	courseId: string,
	now = Date.now()
): Promise<ProgressResult<object>> {
	if (!(await publishedCourse(db, courseId))) return { ok: false, error: 'no_course' };
	await db
		.insertInto('enrolment')
		.values({ user_id: userId, course_id: courseId, enrolled_at: now, completed_at: null })
		.onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
		.execute();
	return { ok: true };
}

/** Whether the course is complete after a step, and whether this very step completed it. */
export interface Completion {
	completed: boolean;
	completedNow: boolean;
}

/** Marks a lesson done (enrolling when needed), then checks completion. */
export async function markLessonDone(
	db: Db,
	userId: string,
	courseId: string,
	lessonId: string,
	now = Date.now()
): Promise<ProgressResult<Completion>> {
	const lesson = await db
		.selectFrom('lesson')
		.innerJoin('course', 'course.id', 'lesson.course_id')
		.select('lesson.id')
		.where('lesson.course_id', '=', courseId)
		.where('lesson.id', '=', lessonId)
		.where('lesson.retired', '=', 0)
		.where('course.status', '=', 'published')
		.executeTakeFirst();
	if (!lesson) return { ok: false, error: 'no_lesson' };
	await enrol(db, userId, courseId, now);
	await db
		.insertInto('lesson_progress')
		.values({ user_id: userId, course_id: courseId, lesson_id: lessonId, done_at: now })
		.onConflict((oc) => oc.columns(['user_id', 'course_id', 'lesson_id']).doNothing())
		.execute();
	return { ok: true, ...(await checkCompletion(db, userId, courseId)) };
}

/**
 * Scores and records a quiz attempt (enrolling when needed), then checks completion. `given` is
 * read as every path reads answers (src/lib/courses/answers.ts, with Zawgyi made Unicode): an
 * answer its question cannot take refuses the attempt, and writes nothing.
 */
export async function submitQuiz(
	db: Db,
	userId: string,
	courseId: string,
	quizId: string,
	given: unknown,
	now = Date.now()
): Promise<ProgressResult<{ score: QuizScore; answers: Answers } & Completion>> {
	const quiz = await loadQuiz(db, courseId, quizId);
	if (!quiz) return { ok: false, error: 'no_quiz' };
	const read = readAnswers(quiz.questions, given, toUnicode);
	if (!read.ok) return { ok: false, error: 'invalid_answer' };
	const { answers } = read;
	const score = scoreQuiz(quiz, answers);
	await enrol(db, userId, courseId, now);
	await db
		.insertInto('quiz_attempt')
		.values({
			id: newId(),
			user_id: userId,
			course_id: courseId,
			quiz_id: quizId,
			score: score.score,
			passed: score.passed ? 1 : 0,
			answers: JSON.stringify(answers),
			created_at: now
		})
		.execute();
	return { ok: true, score, answers, ...(await checkCompletion(db, userId, courseId)) };
}

/** Whether the learner may send another attempt with the quiz form today (QUOTAS.quizAttempts). */
export async function quizAttemptAllowed(db: Db, userId: string, now = Date.now()): Promise<Quota> {
	const used = await db
		.selectFrom('quiz_attempt')
		.select((eb) => [
			eb.fn.countAll<number>().as('count'),
			eb.fn.min<number>('created_at').as('oldest')
		])
		.where('user_id', '=', userId)
		.where('created_at', '>', now - DAY_MS)
		.executeTakeFirstOrThrow();
	return withinQuota(
		QUOTAS.quizAttempts,
		{ count: Number(used.count), oldest: used.oldest === null ? null : Number(used.oldest) },
		1,
		now
	);
}

/** A current quiz of a published course, in the content format. */
export async function loadQuiz(db: Db, courseId: string, quizId: string): Promise<QuizFile | null> {
	const row = await db
		.selectFrom('quiz')
		.innerJoin('course', 'course.id', 'quiz.course_id')
		.select(['quiz.id', 'quiz.title_my', 'quiz.title_en', 'quiz.pass_mark', 'quiz.questions'])
		.where('quiz.course_id', '=', courseId)
		.where('quiz.id', '=', quizId)
		.where('quiz.retired', '=', 0)
		.where('course.status', '=', 'published')
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		passMark: row.pass_mark,
		title: { my: row.title_my, en: row.title_en },
		questions: JSON.parse(row.questions)
	} as QuizFile;
}

export interface CourseProgress {
	enrolled: boolean;
	lessonsDone: string[];
	lessonsTotal: number;
	quizzes: { id: string; best: number | null; passed: boolean; attempts: number }[];
	completedAt: number | null;
	/** Percent of lessons done and quizzes passed. */
	percent: number;
}

/** Where a learner stands in one course. */
export async function courseProgress(
	db: Db,
	userId: string,
	courseId: string
): Promise<CourseProgress> {
	const enrolment = await db
		.selectFrom('enrolment')
		.select('completed_at')
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	const lessons = await liveLessons(db, courseId).select('id').execute();
	const done = await db
		.selectFrom('lesson_progress')
		.innerJoin('lesson', (join) =>
			join
				.onRef('lesson.course_id', '=', 'lesson_progress.course_id')
				.onRef('lesson.id', '=', 'lesson_progress.lesson_id')
		)
		.select('lesson_progress.lesson_id')
		.where('lesson_progress.user_id', '=', userId)
		.where('lesson_progress.course_id', '=', courseId)
		.where('lesson.retired', '=', 0)
		.execute();
	const quizzes = await liveQuizzes(db, courseId).select('id').orderBy('position').execute();
	const attempts = await db
		.selectFrom('quiz_attempt')
		.select([
			'quiz_id',
			(eb) => eb.fn.max<number>('score').as('best'),
			(eb) => eb.fn.max<number>('passed').as('passed'),
			(eb) => eb.fn.countAll<number>().as('attempts')
		])
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.groupBy('quiz_id')
		.execute();
	const byQuiz = new Map(attempts.map((a) => [a.quiz_id, a]));
	const quizList = quizzes.map((q) => {
		const a = byQuiz.get(q.id);
		return {
			id: q.id,
			best: a ? Number(a.best) : null,
			passed: a ? Number(a.passed) === 1 : false,
			attempts: a ? Number(a.attempts) : 0
		};
	});
	const steps = lessons.length + quizList.length;
	const stepsDone = done.length + quizList.filter((q) => q.passed).length;
	return {
		enrolled: !!enrolment,
		lessonsDone: done.map((d) => d.lesson_id),
		lessonsTotal: lessons.length,
		quizzes: quizList,
		completedAt: enrolment?.completed_at ?? null,
		percent: steps === 0 ? 0 : Math.floor((stepsDone / steps) * 100)
	};
}

/**
 * Completes the course when every current step is done: skills granted, one certificate issued.
 * The completion time is when the last step was met (the latest lesson done, the first pass of
 * each quiz), so events synced from a phone in any order give the same record.
 */
async function checkCompletion(db: Db, userId: string, courseId: string): Promise<Completion> {
	const progress = await courseProgress(db, userId, courseId);
	if (progress.completedAt) return { completed: true, completedNow: false };
	const complete =
		progress.lessonsDone.length === progress.lessonsTotal &&
		progress.quizzes.every((q) => q.passed);
	if (!complete) return { completed: false, completedNow: false };
	const course = (await publishedCourse(db, courseId))!;
	const lastLesson = await db
		.selectFrom('lesson_progress')
		.select((eb) => eb.fn.max<number>('done_at').as('at'))
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.where('lesson_id', 'in', progress.lessonsDone.length ? progress.lessonsDone : [''])
		.executeTakeFirst();
	const firstPasses = await db
		.selectFrom('quiz_attempt')
		.select(['quiz_id', (eb) => eb.fn.min<number>('created_at').as('at')])
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.where('passed', '=', 1)
		.groupBy('quiz_id')
		.execute();
	const now = Math.max(
		Number(lastLesson?.at ?? 0),
		...firstPasses
			.filter((p) => progress.quizzes.some((q) => q.id === p.quiz_id))
			.map((p) => Number(p.at))
	);
	const complete_ = async (trx: Db) => {
		await trx
			.updateTable('enrolment')
			.set({ completed_at: now })
			.where('user_id', '=', userId)
			.where('course_id', '=', courseId)
			.where('completed_at', 'is', null)
			.execute();
		await grantCourseSkills(trx, courseId, [userId], now);
		await trx
			.insertInto('certificate')
			.values({
				code: newCertificateCode(),
				user_id: userId,
				course_id: courseId,
				course_version: course.version,
				issued_at: now,
				display_name: null,
				hidden: 0,
				revoked_at: null
			})
			.onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
			.execute();
	};
	// Inside a caller's transaction (sync) it joins it; otherwise it is its own.
	if (db.isTransaction) await complete_(db);
	else await db.transaction().execute(complete_);
	return { completed: true, completedNow: true };
}

/**
 * Grants a course's skills to learners who completed it, each at the level the course can show
 * (`courseGrantLevel`), for `skillId` only when given. Skills an organization proposed and no
 * administrator accepted yet are left out. Never lowers or repeats a grant.
 */
async function grantCourseSkills(
	db: Db,
	courseId: string,
	userIds: string[],
	at: number | ((userId: string) => number),
	skillId?: string
): Promise<void> {
	if (userIds.length === 0) return;
	let query = db
		.selectFrom('course_skill')
		.innerJoin('skill', 'skill.id', 'course_skill.skill_id')
		.innerJoin('course', 'course.id', 'course_skill.course_id')
		.select(['course_skill.skill_id', 'course_skill.level', 'course.practical'])
		.where('course_skill.course_id', '=', courseId)
		.where('skill.proposed_by_org', 'is', null);
	if (skillId) query = query.where('course_skill.skill_id', '=', skillId);
	for (const skill of await query.execute()) {
		const level = courseGrantLevel(skill.level, skill.practical === 1);
		for (const userId of userIds) {
			await grantFromCourse(db, courseId, {
				userId,
				skillId: skill.skill_id,
				level,
				at: typeof at === 'number' ? at : at(userId)
			});
		}
	}
}

/**
 * An administrator accepted a skill an organization proposed: everyone who completed a course
 * naming it gets it now, dated by their completion (inside the caller's transaction).
 */
export async function grantAcceptedSkill(db: Db, skillId: string): Promise<void> {
	const courses = await db
		.selectFrom('course_skill')
		.select('course_id')
		.where('skill_id', '=', skillId)
		.execute();
	for (const { course_id } of courses) {
		const done = await db
			.selectFrom('enrolment')
			.select(['user_id', 'completed_at'])
			.where('course_id', '=', course_id)
			.where('completed_at', 'is not', null)
			.execute();
		const when = new Map(done.map((d) => [d.user_id, Number(d.completed_at)]));
		await grantCourseSkills(
			db,
			course_id,
			[...when.keys()],
			(userId) => when.get(userId)!,
			skillId
		);
	}
}
