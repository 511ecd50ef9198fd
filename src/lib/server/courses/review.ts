/**
 * Administrators' reviews of courses, kept in `course_review`, one row per course version and
 * kind, with who marked it and when:
 * - `publication`: an organization's course reaches learners the first time only once an
 *   administrator approved it (as for roles); after that its organization publishes and
 *   withdraws it itself. Asking again is `submitted` (authoring/course.ts `setPublished`).
 * - `language` and `expert`: a native Burmese reader and a subject expert (course.expert says
 *   which kind) have reviewed the text. A review holds for the version it was given for: every
 *   edit of a published course, and every new starter version, is a new text, so the course
 *   page says again which review is owed until an administrator marks the new version.
 */
import { isAdmin } from '../accounts/admins';
import { inTransaction, type Db } from '../db';
import { modulesOf, liveLessons, liveQuizzes, courseSkillRows } from './contents';
import { publishCourse } from './catalogue';
import { renderLesson } from './lesson-html';
import { courseGrantLevel } from '../../courses/levels';
import type { CourseExpert, CourseReviewKind, CourseStatus } from '../schema';
import type { Result } from '$lib/result';

export type TextReviewKind = Exclude<CourseReviewKind, 'publication'>;
export const TEXT_REVIEWS: readonly TextReviewKind[] = ['language', 'expert'];

export type CourseReviewError = 'not_admin' | 'no_course' | 'not_submitted' | 'changed';
export type CourseReviewResult = Result<object, CourseReviewError>;

/** Whether an administrator ever approved the course's publication (any version). */
export async function publicationApproved(db: Db, courseId: string): Promise<boolean> {
	const row = await db
		.selectFrom('course_review')
		.select('kind')
		.where('course_id', '=', courseId)
		.where('kind', '=', 'publication')
		.executeTakeFirst();
	return row !== undefined;
}

/** Keeps an administrator's approval of a course's publication (inside the caller's transaction). */
export async function recordPublication(
	db: Db,
	courseId: string,
	version: number,
	adminId: string,
	now: number
): Promise<void> {
	await db
		.insertInto('course_review')
		.values({
			course_id: courseId,
			course_version: version,
			kind: 'publication',
			marked_by: adminId,
			marked_at: now
		})
		.onConflict((oc) => oc.columns(['course_id', 'course_version', 'kind']).doNothing())
		.execute();
}

/**
 * Approves a submitted course (it is published at once) or sends it back to its organization
 * as a draft with a note. `seenAt` is the course's `updated_at` as the administrator's page
 * showed it: a course changed since is refused, so what is approved is what was read.
 */
export async function reviewCoursePublication(
	db: Db,
	adminId: string,
	courseId: string,
	decision: 'approve' | 'return',
	note: string,
	seenAt: number,
	now = Date.now()
): Promise<CourseReviewResult> {
	return inTransaction(db, async (trx): Promise<CourseReviewResult> => {
		if (!(await isAdmin(trx, adminId))) return { ok: false, error: 'not_admin' };
		const course = await trx
			.selectFrom('course')
			.select(['id', 'status', 'version', 'published_at', 'updated_at'])
			.where('id', '=', courseId)
			.where('origin', '=', 'authored')
			.executeTakeFirst();
		if (!course) return { ok: false, error: 'no_course' };
		if (course.status !== 'submitted') return { ok: false, error: 'not_submitted' };
		if (course.updated_at !== seenAt) return { ok: false, error: 'changed' };
		if (decision === 'return') {
			await trx
				.updateTable('course')
				.set({ status: 'draft', review_note: note })
				.where('id', '=', courseId)
				.execute();
			return { ok: true };
		}
		await recordPublication(trx, courseId, course.version, adminId, now);
		await trx.updateTable('course').set({ review_note: note }).where('id', '=', courseId).execute();
		await publishCourse(trx, course, now);
		return { ok: true };
	});
}

/**
 * Marks the course's current version as reviewed by a native Burmese reader (`language`) or a
 * subject expert (`expert`), with who reviewed it in the administrator's words. `version` is
 * the one the administrator's page showed; a course changed since is refused.
 */
export async function markCourseReview(
	db: Db,
	adminId: string,
	courseId: string,
	kind: TextReviewKind,
	version: number,
	note: string,
	now = Date.now()
): Promise<CourseReviewResult> {
	return inTransaction(db, async (trx): Promise<CourseReviewResult> => {
		if (!(await isAdmin(trx, adminId))) return { ok: false, error: 'not_admin' };
		const course = await trx
			.selectFrom('course')
			.select('version')
			.where('id', '=', courseId)
			.executeTakeFirst();
		if (!course) return { ok: false, error: 'no_course' };
		if (course.version !== version) return { ok: false, error: 'changed' };
		await trx
			.insertInto('course_review')
			.values({
				course_id: courseId,
				course_version: version,
				kind,
				marked_by: adminId,
				marked_at: now,
				note
			})
			.onConflict((oc) =>
				oc
					.columns(['course_id', 'course_version', 'kind'])
					.doUpdateSet({ marked_by: adminId, marked_at: now, note })
			)
			.execute();
		return { ok: true };
	});
}

export interface ReviewMark {
	at: number;
	/** Who reviewed, in the administrator's words (administrators only). */
	note: string;
	/** The administrator who marked it; null once their account is deleted. */
	by: string | null;
}

export interface CourseReviews {
	version: number;
	expert: CourseExpert | null;
	/** The current version's reviews; null while owed. */
	language: ReviewMark | null;
	expertReview: ReviewMark | null;
	/** An earlier version was reviewed, the current text not yet. */
	earlier: { language: boolean; expert: boolean };
}

/** Each course's reviews for its current version, by course id. */
export async function reviewsOf(db: Db, courseIds: string[]): Promise<Map<string, CourseReviews>> {
	const result = new Map<string, CourseReviews>();
	if (courseIds.length === 0) return result;
	const courses = await db
		.selectFrom('course')
		.select(['id', 'version', 'expert'])
		.where('id', 'in', courseIds)
		.execute();
	const marks = await db
		.selectFrom('course_review')
		.leftJoin('user', 'user.id', 'course_review.marked_by')
		.select([
			'course_review.course_id',
			'course_review.course_version',
			'course_review.kind',
			'course_review.marked_at',
			'course_review.note',
			'user.username'
		])
		.where('course_review.course_id', 'in', courseIds)
		.where('course_review.kind', 'in', TEXT_REVIEWS)
		.execute();
	for (const course of courses) {
		const mine = marks.filter((m) => m.course_id === course.id);
		const current = (kind: TextReviewKind) => {
			const mark = mine.find((m) => m.kind === kind && m.course_version === course.version);
			return mark ? { at: mark.marked_at, note: mark.note, by: mark.username } : null;
		};
		const earlier = (kind: TextReviewKind) =>
			mine.some((m) => m.kind === kind && m.course_version < course.version);
		result.set(course.id, {
			version: course.version,
			expert: course.expert,
			language: current('language'),
			expertReview: current('expert'),
			earlier: { language: earlier('language'), expert: earlier('expert') }
		});
	}
	return result;
}

/** What learners may know of a course's reviews: which are done for this text (and when), which are owed; never who. */
export interface PublicReviews {
	expert: CourseExpert | null;
	language: number | null;
	expertReview: number | null;
}

export const publicReviews = (reviews: CourseReviews): PublicReviews => ({
	expert: reviews.expert,
	language: reviews.language?.at ?? null,
	expertReview: reviews.expertReview?.at ?? null
});

export interface CourseToReview {
	id: string;
	title: { my: string; en: string };
	status: CourseStatus;
	origin: 'starter' | 'authored';
	org: string | null;
	reviews: CourseReviews;
}

/** Every course with its reviews, for administrators: those asking to be published first, then those with a review owed, then the rest. */
export async function coursesForReview(db: Db): Promise<CourseToReview[]> {
	const rows = await db
		.selectFrom('course')
		.leftJoin('organization', 'organization.id', 'course.owner_org_id')
		.select([
			'course.id',
			'course.title_my',
			'course.title_en',
			'course.status',
			'course.origin',
			'organization.name as org'
		])
		.orderBy('course.title_en')
		.execute();
	const reviews = await reviewsOf(
		db,
		rows.map((r) => r.id)
	);
	const owed = (r: CourseReviews) => (r.language ? 0 : 1) + (r.expertReview ? 0 : 1);
	return rows
		.map((r) => ({
			id: r.id,
			title: { my: r.title_my, en: r.title_en },
			status: r.status,
			origin: r.origin,
			org: r.org,
			reviews: reviews.get(r.id)!
		}))
		.sort(
			(a, b) =>
				Number(b.status === 'submitted') - Number(a.status === 'submitted') ||
				owed(b.reviews) - owed(a.reviews)
		);
}

/** Courses waiting for an administrator's approval of their first publication. */
export async function coursesSubmitted(db: Db): Promise<number> {
	const row = await db
		.selectFrom('course')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'submitted')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export interface CourseForReview extends CourseToReview {
	version: number;
	/** The course's last change, sent back with an approval (`reviewCoursePublication`). */
	updatedAt: number;
	practical: boolean;
	reviewNote: string;
	/** Each part with its lessons in both languages as learners will see them, and its quiz's size. */
	modules: {
		title: Bilingual;
		lessons: { id: string; title: Bilingual; html: Bilingual }[];
		quiz: { title: Bilingual; questions: number } | null;
	}[];
	/** Skills the course names, with the level completing it records; `proposed`: waiting for an administrator. */
	skills: { id: string; name: Bilingual; level: number; aim: number; proposed: boolean }[];
}

type Bilingual = { my: string; en: string };

/** A course as an administrator reads it to review it, whatever its status; null when there is none. */
export async function courseForReview(db: Db, courseId: string): Promise<CourseForReview | null> {
	const course = await db
		.selectFrom('course')
		.leftJoin('organization', 'organization.id', 'course.owner_org_id')
		.selectAll('course')
		.select('organization.name as org')
		.where('course.id', '=', courseId)
		.executeTakeFirst();
	if (!course) return null;
	const modules = await modulesOf(db, courseId);
	const lessons = await liveLessons(db, courseId).selectAll().execute();
	const quizzes = await liveQuizzes(db, courseId)
		.select(['module_id', 'title_my', 'title_en', 'questions'])
		.execute();
	const skills = await courseSkillRows(db, courseId);
	const practical = course.practical === 1;
	return {
		id: course.id,
		title: { my: course.title_my, en: course.title_en },
		status: course.status,
		origin: course.origin,
		org: course.org,
		reviews: (await reviewsOf(db, [courseId])).get(courseId)!,
		version: course.version,
		updatedAt: course.updated_at,
		practical,
		reviewNote: course.review_note,
		modules: modules.map((m) => {
			const quiz = quizzes.find((q) => q.module_id === m.id);
			return {
				title: { my: m.title_my, en: m.title_en },
				lessons: lessons
					.filter((l) => l.module_id === m.id)
					.map((l) => ({
						id: l.id,
						title: { my: l.title_my, en: l.title_en },
						html: { my: renderLesson(courseId, l.body_my), en: renderLesson(courseId, l.body_en) }
					})),
				quiz: quiz
					? {
							title: { my: quiz.title_my, en: quiz.title_en },
							questions: (JSON.parse(quiz.questions) as unknown[]).length
						}
					: null
			};
		}),
		skills: skills.map((s) => ({
			id: s.id,
			name: { my: s.name_my, en: s.name_en },
			level: courseGrantLevel(s.level, practical),
			aim: s.level,
			proposed: s.proposed_by_org !== null
		}))
	};
}
