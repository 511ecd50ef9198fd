/**
 * What learners read: the catalogue, a course's outline, a lesson, and their own learning.
 * Only published courses and current (not retired) lessons and quizzes are shown.
 */
import type { Db } from '../db';
import { modulesOf, liveLessons, liveQuizzes } from './contents';
import type { CourseAudience, CourseCategory, Locale } from '../schema';
import { searchCourses } from './catalogue';
import { pickText as pick } from '../../format';
import { courseGrantLevel } from '../../courses/levels';
import { publicReviews, reviewsOf, type PublicReviews } from './review';

export interface CatalogueFilters {
	/** One course only (for its own page). */
	id?: string;
	category?: CourseCategory;
	audience?: CourseAudience;
	/** Largest download, in bytes. */
	maxBytes?: number;
	q?: string;
}

export interface CourseCard {
	id: string;
	title: string;
	summary: string;
	category: CourseCategory;
	audience: CourseAudience;
	sizeBytes: number;
	lessons: number;
	minutes: number;
	/** The course's first current lesson (the one visitors may read before signing up), if any. */
	firstLesson: string | null;
}

/** Published courses matching the filters, by category then title. */
export async function listCourses(
	db: Db,
	filters: CatalogueFilters,
	locale: Locale
): Promise<CourseCard[]> {
	let query = db
		.selectFrom('course')
		.leftJoin('lesson', (join) =>
			join.onRef('lesson.course_id', '=', 'course.id').on('lesson.retired', '=', 0)
		)
		.select([
			'course.id',
			'course.title_my',
			'course.title_en',
			'course.summary_my',
			'course.summary_en',
			'course.category',
			'course.audience',
			'course.size_bytes',
			(eb) => eb.fn.count<number>('lesson.id').as('lessons'),
			(eb) => eb.fn.coalesce(eb.fn.sum<number>('lesson.minutes'), eb.lit(0)).as('minutes'),
			(eb) =>
				eb
					.selectFrom('lesson as first')
					.select('first.id')
					.whereRef('first.course_id', '=', 'course.id')
					.where('first.retired', '=', 0)
					.orderBy('first.position')
					.limit(1)
					.as('first_lesson')
		])
		.where('course.status', '=', 'published')
		.groupBy([
			'course.id',
			'course.title_my',
			'course.title_en',
			'course.summary_my',
			'course.summary_en',
			'course.category',
			'course.audience',
			'course.size_bytes'
		])
		.orderBy('course.category')
		.orderBy(locale === 'my' ? 'course.title_my' : 'course.title_en');
	if (filters.id) query = query.where('course.id', '=', filters.id);
	if (filters.category) query = query.where('course.category', '=', filters.category);
	if (filters.audience)
		query = query.where('course.audience', 'in', [filters.audience, 'everyone']);
	if (filters.maxBytes) query = query.where('course.size_bytes', '<=', filters.maxBytes);
	if (filters.q) {
		const ids = await searchCourses(db, filters.q);
		if (ids.length === 0) return [];
		query = query.where('course.id', 'in', ids);
	}
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		title: pick(locale, r.title_my, r.title_en),
		summary: pick(locale, r.summary_my, r.summary_en),
		category: r.category,
		audience: r.audience,
		sizeBytes: r.size_bytes,
		lessons: Number(r.lessons),
		minutes: Number(r.minutes),
		firstLesson: r.first_lesson ?? null
	}));
}

export interface CourseOutline extends CourseCard {
	version: number;
	/** Each skill at the level completing the course records (`level`), and the level the course aims at (`aim`, higher for a practical course, confirmed by a partner). */
	skills: { id: string; name: string; level: number; aim: number }[];
	/** A practical skill: a quiz on a phone cannot show it; it needs in-person practice confirmed by a partner. */
	practical: boolean;
	/** Which reviews of this version's text are done (when) and which are owed. */
	reviews: PublicReviews;
	sources: { title: string; url: string }[];
	modules: {
		id: string;
		title: string;
		lessons: { id: string; title: string; minutes: number }[];
		quiz: { id: string; title: string; passMark: number } | null;
	}[];
}

/** A published course with its modules, lessons, quizzes and skills; null when there is none. */
export async function getCourseOutline(
	db: Db,
	courseId: string,
	locale: Locale
): Promise<CourseOutline | null> {
	const [card] = await listCourses(db, { id: courseId }, locale);
	if (!card) return null;
	const course = await db
		.selectFrom('course')
		.select(['version', 'sources', 'practical'])
		.where('id', '=', courseId)
		.executeTakeFirstOrThrow();
	const practical = course.practical === 1;
	const skills = await db
		.selectFrom('course_skill')
		.innerJoin('skill', 'skill.id', 'course_skill.skill_id')
		.select(['skill.id', 'skill.name_my', 'skill.name_en', 'course_skill.level'])
		.where('course_skill.course_id', '=', courseId)
		// A skill an organization proposed is shown once an administrator accepts it.
		.where('skill.proposed_by_org', 'is', null)
		.execute();
	const modules = await modulesOf(db, courseId);
	const lessons = await liveLessons(db, courseId)
		.select(['id', 'module_id', 'title_my', 'title_en', 'minutes'])
		.execute();
	const quizzes = await liveQuizzes(db, courseId)
		.select(['id', 'module_id', 'title_my', 'title_en', 'pass_mark'])
		.execute();
	return {
		...card,
		version: course.version,
		skills: skills.map((s) => ({
			id: s.id,
			name: pick(locale, s.name_my, s.name_en),
			level: courseGrantLevel(s.level, practical),
			aim: s.level
		})),
		practical,
		reviews: publicReviews((await reviewsOf(db, [courseId])).get(courseId)!),
		sources: JSON.parse(course.sources),
		modules: modules.map((m) => {
			const quiz = quizzes.find((q) => q.module_id === m.id);
			return {
				id: m.id,
				title: pick(locale, m.title_my, m.title_en),
				lessons: lessons
					.filter((l) => l.module_id === m.id)
					.map((l) => ({
						id: l.id,
						title: pick(locale, l.title_my, l.title_en),
						minutes: l.minutes
					})),
				quiz: quiz
					? {
							id: quiz.id,
							title: pick(locale, quiz.title_my, quiz.title_en),
							passMark: quiz.pass_mark
						}
					: null
			};
		})
	};
}

export interface LessonPage {
	courseId: string;
	/** The course's version (its lessons' HTML is kept per version, lesson-html.ts). */
	version: number;
	courseTitle: string;
	id: string;
	title: string;
	/** Markdown, in the reader's language when the author wrote it. */
	body: string;
	bodyLocale: Locale;
	minutes: number;
	previous: string | null;
	next: string | null;
	/** The quiz that follows this lesson's module, when this is the module's last lesson. */
	quizAfter: string | null;
}

/** One current lesson of a published course, with its neighbours. */
export async function getLesson(
	db: Db,
	courseId: string,
	lessonId: string,
	locale: Locale
): Promise<LessonPage | null> {
	const course = await db
		.selectFrom('course')
		.select(['title_my', 'title_en', 'version'])
		.where('id', '=', courseId)
		.where('status', '=', 'published')
		.executeTakeFirst();
	if (!course) return null;
	// The neighbours need only ids; the bodies (both languages) are read for this lesson alone.
	const lessons = await db
		.selectFrom('lesson')
		.select(['id', 'module_id'])
		.where('course_id', '=', courseId)
		.where('retired', '=', 0)
		.orderBy('position')
		.execute();
	const index = lessons.findIndex((l) => l.id === lessonId);
	if (index < 0) return null;
	const lesson = await db
		.selectFrom('lesson')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', lessonId)
		.executeTakeFirstOrThrow();
	const nextLesson = lessons[index + 1];
	let quizAfter: string | null = null;
	if (!nextLesson || nextLesson.module_id !== lesson.module_id) {
		const quiz = await db
			.selectFrom('quiz')
			.select('id')
			.where('course_id', '=', courseId)
			.where('module_id', '=', lesson.module_id)
			.where('retired', '=', 0)
			.executeTakeFirst();
		quizAfter = quiz?.id ?? null;
	}
	const title = pick(locale, lesson.title_my, lesson.title_en);
	const body = withoutLeadingTitle(pick(locale, lesson.body_my, lesson.body_en));
	return {
		courseId,
		version: course.version,
		courseTitle: pick(locale, course.title_my, course.title_en),
		id: lesson.id,
		title,
		body,
		bodyLocale: locale === 'my' ? (lesson.body_my ? 'my' : 'en') : lesson.body_en ? 'en' : 'my',
		minutes: lesson.minutes,
		previous: lessons[index - 1]?.id ?? null,
		next: nextLesson?.id ?? null,
		quizAfter
	};
}

/** The first current lesson after the module that a quiz closes, if any. */
export async function lessonAfterQuiz(
	db: Db,
	courseId: string,
	quizId: string
): Promise<string | null> {
	const quiz = await db
		.selectFrom('quiz')
		.select('module_id')
		.where('course_id', '=', courseId)
		.where('id', '=', quizId)
		.executeTakeFirst();
	if (!quiz) return null;
	const modules = await db
		.selectFrom('course_module')
		.select('id')
		.where('course_id', '=', courseId)
		.orderBy('position')
		.execute();
	const later = modules
		.slice(modules.findIndex((m) => m.id === quiz.module_id) + 1)
		.map((m) => m.id);
	if (later.length === 0) return null;
	const lesson = await db
		.selectFrom('lesson')
		.select('id')
		.where('course_id', '=', courseId)
		.where('module_id', 'in', later)
		.where('retired', '=', 0)
		.orderBy('position')
		.executeTakeFirst();
	return lesson?.id ?? null;
}

/** The page shows the lesson title as its heading; a first-line "# heading" would repeat it. */
function withoutLeadingTitle(markdown: string): string {
	return markdown.replace(/^\s*#\s[^\n]*\n+/, '');
}

export interface MyCourse {
	id: string;
	title: string;
	completedAt: number | null;
	/** The first lesson not yet done, if any. */
	nextLesson: { id: string; title: string } | null;
}

/** A learner's courses: in progress first, then done. */
export async function myLearning(db: Db, userId: string, locale: Locale): Promise<MyCourse[]> {
	const courses = await db
		.selectFrom('enrolment')
		.innerJoin('course', 'course.id', 'enrolment.course_id')
		.select([
			'course.id',
			'course.title_my',
			'course.title_en',
			'enrolment.completed_at',
			'enrolment.enrolled_at'
		])
		.where('enrolment.user_id', '=', userId)
		.where('course.status', '=', 'published')
		.orderBy('enrolment.enrolled_at', 'desc')
		.execute();
	const result: MyCourse[] = [];
	for (const course of courses) {
		const next = await db
			.selectFrom('lesson')
			.select(['lesson.id', 'lesson.title_my', 'lesson.title_en'])
			.where('lesson.course_id', '=', course.id)
			.where('lesson.retired', '=', 0)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('lesson_progress')
							.select('lesson_progress.lesson_id')
							.whereRef('lesson_progress.lesson_id', '=', 'lesson.id')
							.whereRef('lesson_progress.course_id', '=', 'lesson.course_id')
							.where('lesson_progress.user_id', '=', userId)
					)
				)
			)
			.orderBy('lesson.position')
			.executeTakeFirst();
		result.push({
			id: course.id,
			title: pick(locale, course.title_my, course.title_en),
			completedAt: course.completed_at,
			nextLesson: next ? { id: next.id, title: pick(locale, next.title_my, next.title_en) } : null
		});
	}
	return result.sort((a, b) => Number(a.completedAt !== null) - Number(b.completedAt !== null));
}
