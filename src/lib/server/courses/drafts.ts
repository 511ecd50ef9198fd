/**
 * What authors see of the courses they may edit: both languages side by side, drafts included.
 * Who may see which course is decided by `authorScope` (authoring/authors.ts), as for every edit.
 */
import type { Db } from '../db';
import { modulesOf, liveQuizzes, courseSkillRows } from './contents';
import type { CourseAudience, CourseCategory, CourseExpert, CourseStatus, Locale } from '../schema';
import { publicationApproved } from './review';
import type { Question } from '../../schemas/course-content';
import { authorScope, editable, type Author } from './authoring/authors';
import { publishProblems, visibleSkills, type PublishProblem } from './authoring/course';

type Bilingual = { my: string; en: string };

const pick = (locale: Locale, text: Bilingual) =>
	locale === 'my' ? text.my || text.en : text.en || text.my;

export interface AuthoredCourse {
	id: string;
	title: string;
	status: CourseStatus;
	version: number;
	lessons: number;
	updatedAt: number;
	/** The organization that owns it; null for courses made by administrators. */
	orgName: string | null;
}

/** The courses this author may edit (an administrator: every course made in the app), newest first. */
export async function listAuthoredCourses(
	db: Db,
	author: Author,
	locale: Locale
): Promise<AuthoredCourse[] | null> {
	const scope = await authorScope(db, author);
	if (!scope) return null;
	let query = db
		.selectFrom('course')
		.leftJoin('organization', 'organization.id', 'course.owner_org_id')
		.select((eb) => [
			'course.id',
			'course.title_my',
			'course.title_en',
			'course.status',
			'course.version',
			'course.updated_at',
			'organization.name as org_name',
			eb
				.selectFrom('lesson')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('lesson.course_id', '=', 'course.id')
				.where('lesson.retired', '=', 0)
				.as('lessons')
		])
		.where('course.origin', '=', 'authored')
		.orderBy('course.updated_at', 'desc');
	if (!scope.admin) query = query.where('course.owner_org_id', '=', scope.orgId);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		title: pick(locale, { my: r.title_my, en: r.title_en }),
		status: r.status,
		version: r.version,
		lessons: Number(r.lessons ?? 0),
		updatedAt: r.updated_at,
		orgName: r.org_name
	}));
}

export interface CourseDraft {
	id: string;
	status: CourseStatus;
	version: number;
	category: CourseCategory;
	audience: CourseAudience;
	title: Bilingual;
	summary: Bilingual;
	practical: boolean;
	expert: CourseExpert | null;
	/** Why an administrator sent it back; empty when none. */
	reviewNote: string;
	/** Publishing needs an administrator's approval first (an organization's course never approved). */
	needsApproval: boolean;
	sizeBytes: number;
	/** `proposed`: a skill the organization named that waits for an administrator. */
	skills: { id: string; level: number; name: Bilingual; proposed: boolean }[];
	modules: {
		id: string;
		title: Bilingual;
		lessons: {
			id: string;
			title: Bilingual;
			minutes: number;
			hasBody: { my: boolean; en: boolean };
		}[];
		quiz: { id: string; title: Bilingual; questions: number } | null;
	}[];
	retiredLessons: { id: string; title: Bilingual }[];
	problems: PublishProblem[];
}

/** Everything the course editor shows, or null when this author may not edit the course. */
export async function getCourseDraft(
	db: Db,
	author: Author,
	courseId: string
): Promise<CourseDraft | null> {
	const course = await editable(db, author, courseId);
	if (!course) return null;
	const skills = await courseSkillRows(db, courseId);
	const modules = await modulesOf(db, courseId);
	const lessons = await db
		.selectFrom('lesson')
		.select(['id', 'module_id', 'title_my', 'title_en', 'minutes', 'retired', 'body_my', 'body_en'])
		.where('course_id', '=', courseId)
		.orderBy('position')
		.execute();
	const quizzes = await liveQuizzes(db, courseId)
		.select(['id', 'module_id', 'title_my', 'title_en', 'questions'])
		.execute();
	return {
		id: course.id,
		status: course.status,
		version: course.version,
		category: course.category,
		audience: course.audience,
		title: { my: course.title_my, en: course.title_en },
		summary: { my: course.summary_my, en: course.summary_en },
		practical: course.practical === 1,
		expert: course.expert,
		reviewNote: course.review_note,
		needsApproval: course.owner_org_id !== null && !(await publicationApproved(db, courseId)),
		sizeBytes: course.size_bytes,
		skills: skills.map((s) => ({
			id: s.id,
			level: s.level,
			name: { my: s.name_my, en: s.name_en },
			proposed: s.proposed_by_org !== null
		})),
		modules: modules.map((m) => {
			const quiz = quizzes.find((q) => q.module_id === m.id);
			return {
				id: m.id,
				title: { my: m.title_my, en: m.title_en },
				lessons: lessons
					.filter((l) => l.module_id === m.id && !l.retired)
					.map((l) => ({
						id: l.id,
						title: { my: l.title_my, en: l.title_en },
						minutes: l.minutes,
						hasBody: { my: l.body_my.trim() !== '', en: l.body_en.trim() !== '' }
					})),
				quiz: quiz
					? {
							id: quiz.id,
							title: { my: quiz.title_my, en: quiz.title_en },
							questions: JSON.parse(quiz.questions).length
						}
					: null
			};
		}),
		retiredLessons: lessons
			.filter((l) => l.retired)
			.map((l) => ({ id: l.id, title: { my: l.title_my, en: l.title_en } })),
		problems: await publishProblems(db, courseId)
	};
}

export interface LessonDraft {
	courseId: string;
	courseTitle: Bilingual;
	id: string;
	moduleId: string;
	retired: boolean;
	minutes: number;
	title: Bilingual;
	body: Bilingual;
}

/** One lesson of a course this author may edit, retired or not. */
export async function getLessonDraft(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string
): Promise<LessonDraft | null> {
	const course = await editable(db, author, courseId);
	if (!course) return null;
	const lesson = await db
		.selectFrom('lesson')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', lessonId)
		.executeTakeFirst();
	if (!lesson) return null;
	return {
		courseId,
		courseTitle: { my: course.title_my, en: course.title_en },
		id: lesson.id,
		moduleId: lesson.module_id,
		retired: lesson.retired === 1,
		minutes: lesson.minutes,
		title: { my: lesson.title_my, en: lesson.title_en },
		body: { my: lesson.body_my, en: lesson.body_en }
	};
}

export interface QuizDraft {
	courseId: string;
	courseTitle: Bilingual;
	id: string;
	title: Bilingual;
	passMark: number;
	questions: Question[];
}

/** One current quiz of a course this author may edit. */
export async function getQuizDraft(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string
): Promise<QuizDraft | null> {
	const course = await editable(db, author, courseId);
	if (!course) return null;
	const quiz = await db
		.selectFrom('quiz')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', quizId)
		.where('retired', '=', 0)
		.executeTakeFirst();
	if (!quiz) return null;
	return {
		courseId,
		courseTitle: { my: course.title_my, en: course.title_en },
		id: quiz.id,
		title: { my: quiz.title_my, en: quiz.title_en },
		passMark: quiz.pass_mark,
		questions: JSON.parse(quiz.questions)
	};
}

/** The module a new lesson or quiz goes into, with the course's title; null when not editable. */
export async function getModuleDraft(db: Db, author: Author, courseId: string, moduleId: string) {
	const course = await editable(db, author, courseId);
	if (!course) return null;
	const module = await db
		.selectFrom('course_module')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', moduleId)
		.executeTakeFirst();
	if (!module) return null;
	const quiz = await db
		.selectFrom('quiz')
		.select('id')
		.where('course_id', '=', courseId)
		.where('module_id', '=', moduleId)
		.where('retired', '=', 0)
		.executeTakeFirst();
	return {
		courseTitle: { my: course.title_my, en: course.title_en },
		id: module.id,
		title: { my: module.title_my, en: module.title_en },
		quizId: quiz?.id ?? null
	};
}

/** Skills this author can pick for a course: accepted ones, and those their organization proposed (waiting for an administrator). */
export async function listSkills(
	db: Db,
	author: Author
): Promise<{ id: string; name: Bilingual; proposed: boolean }[]> {
	const scope = await authorScope(db, author);
	if (!scope) return [];
	const rows = await visibleSkills(db, scope).orderBy('name_en').execute();
	return rows.map((r) => ({
		id: r.id,
		name: { my: r.name_my, en: r.name_en },
		proposed: r.proposed_by_org !== null
	}));
}
