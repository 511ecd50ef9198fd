/**
 * The course catalogue in the database: loading versioned course content, and listing it.
 * Lessons and quizzes keep their ids across versions; ones dropped from a new version are
 * marked retired, never deleted, so no learner's progress is lost.
 */
import { indexCourseText, searchCourseText, type Db } from '../db';
import { liveLessons } from './contents';
import { config } from '../config';
import { toUnicode } from '../text/normalize';
import type { CourseBundle } from './content-files';
import type { Question, QuizFile } from '../../schemas/course-content';
import { packageBytes } from './offline';

export type LoadOutcome = 'created' | 'updated' | 'unchanged';

/**
 * A quiz's questions as they are stored and sent: without `taught`, the words of the lessons a
 * content test checks answers against. It is for that test alone; learners never receive it.
 */
export function questionsForLearners(quiz: QuizFile): Question[] {
	return quiz.questions.map((q) => {
		if (q.type !== 'short') return q;
		const { taught: _, ...rest } = q;
		return rest;
	});
}

/**
 * Creates or updates a published course from a content bundle. Idempotent: a bundle whose
 * version is not newer than the stored one changes nothing.
 */
export async function loadCourseBundle(
	db: Db,
	bundle: CourseBundle,
	now = Date.now(),
	mediaPath = config.mediaPath
): Promise<LoadOutcome> {
	const { course } = bundle;
	const existing = await db
		.selectFrom('course')
		.select(['version', 'practical', 'expert'])
		.where('id', '=', course.id)
		.executeTakeFirst();
	const practical = course.practical ? 1 : 0;
	if (existing && existing.version >= course.version) {
		// What a course can show and who must review it follow the files even without a new version.
		if (existing.practical !== practical || existing.expert !== course.expert)
			await db
				.updateTable('course')
				.set({ practical, expert: course.expert })
				.where('id', '=', course.id)
				.execute();
		return 'unchanged';
	}

	await db.transaction().execute(async (trx) => {
		// A skill of the curated taxonomy keeps the taxonomy's name.
		for (const skill of course.skills) {
			await trx
				.insertInto('skill')
				.values({ id: skill.id, name_my: skill.name.my, name_en: skill.name.en })
				.onConflict((oc) =>
					oc
						.column('id')
						.doUpdateSet({ name_my: skill.name.my, name_en: skill.name.en })
						.where('skill.group_id', 'is', null)
				)
				.execute();
		}
		const row = {
			version: course.version,
			category: course.category,
			audience: course.audience,
			title_my: course.title.my,
			title_en: course.title.en,
			summary_my: course.summary.my,
			summary_en: course.summary.en,
			status: 'published' as const,
			origin: 'starter' as const,
			sources: JSON.stringify(course.sources),
			practical,
			expert: course.expert,
			// Set below, from the package built of these rows.
			size_bytes: 0,
			updated_at: now,
			published_at: now
		};
		if (existing) await trx.updateTable('course').set(row).where('id', '=', course.id).execute();
		else
			await trx
				.insertInto('course')
				.values({ id: course.id, owner_org_id: null, created_at: now, ...row })
				.execute();

		await trx.deleteFrom('course_skill').where('course_id', '=', course.id).execute();
		await trx
			.insertInto('course_skill')
			.values(course.skills.map((s) => ({ course_id: course.id, skill_id: s.id, level: s.level })))
			.execute();

		await trx.deleteFrom('course_module').where('course_id', '=', course.id).execute();
		await trx
			.updateTable('lesson')
			.set({ retired: 1 })
			.where('course_id', '=', course.id)
			.execute();
		await trx.updateTable('quiz').set({ retired: 1 }).where('course_id', '=', course.id).execute();
		let lessonPosition = 0;
		for (const [modulePosition, module] of course.modules.entries()) {
			await trx
				.insertInto('course_module')
				.values({
					course_id: course.id,
					id: module.id,
					position: modulePosition,
					title_my: module.title.my,
					title_en: module.title.en
				})
				.execute();
			for (const lesson of module.lessons) {
				const body = bundle.lessons.get(lesson.id)!;
				const values = {
					module_id: module.id,
					position: lessonPosition++,
					minutes: lesson.minutes,
					title_my: lesson.title.my,
					title_en: lesson.title.en,
					body_my: body.my,
					body_en: body.en,
					retired: 0
				};
				await trx
					.insertInto('lesson')
					.values({ course_id: course.id, id: lesson.id, ...values })
					.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet(values))
					.execute();
			}
			if (module.quiz) {
				const quiz = bundle.quizzes.get(module.quiz)!;
				const values = {
					module_id: module.id,
					position: lessonPosition,
					title_my: quiz.title.my,
					title_en: quiz.title.en,
					pass_mark: quiz.passMark,
					questions: JSON.stringify(questionsForLearners(quiz)),
					retired: 0
				};
				await trx
					.insertInto('quiz')
					.values({ course_id: course.id, id: quiz.id, ...values })
					.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet(values))
					.execute();
			}
		}
		await indexCourseText(trx, course.id, searchableText(bundle));
		await trx
			.updateTable('course')
			.set({ size_bytes: await packageBytes(trx, course.id, mediaPath) })
			.where('id', '=', course.id)
			.execute();
	});
	return existing ? 'updated' : 'created';
}

/**
 * Sets every course's stored download size from its package, as the course page's download
 * button counts it: run at start, so sizes stored by an older version of Lanpya (which counted
 * only lesson texts, quizzes and images) or before a change in packaging agree with it.
 */
export async function refreshCourseSizes(db: Db, mediaPath = config.mediaPath): Promise<void> {
	const courses = await db.selectFrom('course').select(['id', 'size_bytes']).execute();
	for (const course of courses) {
		const bytes = await packageBytes(db, course.id, mediaPath);
		if (bytes !== course.size_bytes)
			await db
				.updateTable('course')
				.set({ size_bytes: bytes })
				.where('id', '=', course.id)
				.execute();
	}
}

/** Everything a learner might search for, in both languages. */
function searchableText(bundle: CourseBundle): string {
	const { course } = bundle;
	const parts = [course.title.my, course.title.en, course.summary.my, course.summary.en];
	for (const skill of course.skills) parts.push(skill.name.my, skill.name.en);
	for (const module of course.modules) {
		parts.push(module.title.my, module.title.en);
		for (const lesson of module.lessons) parts.push(lesson.title.my, lesson.title.en);
	}
	for (const body of bundle.lessons.values()) parts.push(body.my, body.en);
	return parts.join('\n');
}

/** Rebuilds a course's search text and download size from what the database holds. */
export async function refreshCourseIndex(
	db: Db,
	courseId: string,
	mediaPath = config.mediaPath
): Promise<void> {
	const course = await db
		.selectFrom('course')
		.selectAll()
		.where('id', '=', courseId)
		.executeTakeFirstOrThrow();
	const skills = await db
		.selectFrom('course_skill')
		.innerJoin('skill', 'skill.id', 'course_skill.skill_id')
		.select(['skill.name_my', 'skill.name_en'])
		.where('course_skill.course_id', '=', courseId)
		.execute();
	const modules = await db
		.selectFrom('course_module')
		.select(['title_my', 'title_en'])
		.where('course_id', '=', courseId)
		.execute();
	const lessons = await liveLessons(db, courseId).selectAll().execute();
	const parts = [course.title_my, course.title_en, course.summary_my, course.summary_en];
	for (const s of skills) parts.push(s.name_my, s.name_en);
	for (const m of modules) parts.push(m.title_my, m.title_en);
	for (const l of lessons) parts.push(l.title_my, l.title_en, l.body_my, l.body_en);
	await db
		.updateTable('course')
		.set({ size_bytes: await packageBytes(db, courseId, mediaPath) })
		.where('id', '=', courseId)
		.execute();
	await indexCourseText(db, courseId, parts.join('\n'));
}

/**
 * Makes a course published now (its author's or an administrator's decision is the caller's).
 * Edits of a draft do not move the version, so publishing again after a withdrawal does: phones
 * that kept the course before learn that it changed.
 */
export async function publishCourse(
	db: Db,
	course: { id: string; status: string; version: number; published_at: number | null },
	now: number
): Promise<void> {
	const republished = course.status !== 'published' && course.published_at !== null;
	await db
		.updateTable('course')
		.set({
			status: 'published',
			published_at: now,
			updated_at: now,
			version: republished ? course.version + 1 : course.version
		})
		.where('id', '=', course.id)
		.execute();
	await refreshCourseIndex(db, course.id);
}

/** Ids of published courses whose text contains the query; Zawgyi queries are converted first. */
export async function searchCourses(db: Db, query: string): Promise<string[]> {
	const text = toUnicode(query.trim());
	if (!text) return [];
	const ids = await searchCourseText(db, text);
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('course')
		.select('id')
		.where('id', 'in', ids)
		.where('status', '=', 'published')
		.execute();
	return rows.map((r) => r.id);
}
