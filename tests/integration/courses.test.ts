import { COURSE_CATEGORIES } from '$lib/vocab/courses';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUp } from '$lib/server/accounts/sign-in';
import { loadCourseBundle, searchCourses } from '$lib/server/courses/catalogue';
import {
	certificateCode,
	revokeCertificate,
	updateCertificate,
	listCertificates,
	verifyCertificate
} from '$lib/server/courses/certificates';
import {
	readCourseFolder,
	readStarterCatalogue,
	type CourseBundle
} from '$lib/server/courses/content-files';
import { courseProgress, enrol, markLessonDone, submitQuiz } from '$lib/server/courses/progress';
import type { Db } from '$lib/server/db';
import { getCourseOutline, getLesson, listCourses } from '$lib/server/courses/reading';
import { freshDb } from '../helpers/db';
import { rightAnswers } from '../helpers/courses';

let db: Db;
let cleanup: () => Promise<void>;
let learner: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	const result = await signUp(
		db,
		{
			username: 'learner',
			password: 'steady progress daily',
			kind: 'learner',
			background: null,
			locale: 'my'
		},
		'x'
	);
	if (!result.ok) throw new Error();
	learner = result.userId;
});
afterEach(() => cleanup());

const firstAid = () => readCourseFolder(path.resolve('content/courses/first-aid-basics'));

async function completeCourse(bundle: CourseBundle) {
	for (const lessonId of bundle.lessons.keys())
		await markLessonDone(db, learner, bundle.course.id, lessonId);
	let last;
	for (const quiz of bundle.quizzes.values())
		last = await submitQuiz(db, learner, bundle.course.id, quiz.id, rightAnswers(quiz));
	return last;
}

describe('the starter catalogue', () => {
	it('loads every course once, and again only when its version changes', async () => {
		const bundles = readStarterCatalogue();
		expect(bundles.length).toBeGreaterThanOrEqual(6);
		for (const bundle of bundles) expect(await loadCourseBundle(db, bundle)).toBe('created');
		for (const bundle of bundles) expect(await loadCourseBundle(db, bundle)).toBe('unchanged');
		const categories = await db
			.selectFrom('course')
			.select(['category', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('category')
			.execute();
		// The catalogue's filter offers every kind of course; none of them shows an empty list.
		expect(categories.map((row) => row.category).sort()).toEqual([...COURSE_CATEGORIES].sort());
		for (const row of categories) expect(Number(row.n)).toBeGreaterThanOrEqual(1);
		for (const bundle of bundles) expect(bundle.lessons.size).toBeGreaterThanOrEqual(5);
	});
});

describe('search', () => {
	it('finds a Burmese word inside Burmese text, English words, and Zawgyi-typed queries', async () => {
		for (const bundle of readStarterCatalogue()) await loadCourseBundle(db, bundle);
		expect(await searchCourses(db, 'သွေး')).toContain('first-aid-basics'); // "blood", inside words like သွေးထွက်
		expect(await searchCourses(db, 'BLEEDING')).toContain('first-aid-basics');
		// Both computer courses teach spreadsheets; a course that never says the word is not found.
		expect(await searchCourses(db, 'spreadsheet')).toEqual(
			expect.arrayContaining(['computer-basics', 'office-computer-skills'])
		);
		expect(await searchCourses(db, 'spreadsheet')).not.toContain('first-aid-basics');
		expect(await searchCourses(db, 'ေဆး')).toContain('first-aid-basics'); // Zawgyi for ဆေး ("medicine")
		expect(await searchCourses(db, '100%_')).toEqual([]);
		expect(await searchCourses(db, '   ')).toEqual([]);
	});
});

describe('progress and completion', () => {
	it('completes a course when every lesson is done and every quiz passed, granting skills and one certificate', async () => {
		const bundle = firstAid();
		await loadCourseBundle(db, bundle);
		expect((await enrol(db, learner, bundle.course.id)).ok).toBe(true);
		const lessonIds = [...bundle.lessons.keys()];
		for (const id of lessonIds) {
			const result = await markLessonDone(db, learner, bundle.course.id, id);
			expect(result).toEqual({ ok: true, completed: false, completedNow: false });
		}
		// Marking a lesson twice changes nothing.
		await markLessonDone(db, learner, bundle.course.id, lessonIds[0]);
		const quizzes = [...bundle.quizzes.values()];
		const failed = await submitQuiz(db, learner, bundle.course.id, quizzes[0].id, {});
		expect(failed).toMatchObject({
			ok: true,
			completed: false,
			score: { score: 0, passed: false }
		});
		const last = await completeCourse(bundle);
		expect(last).toMatchObject({
			ok: true,
			completed: true,
			completedNow: true,
			score: { score: 100, passed: true }
		});

		const progress = await courseProgress(db, learner, bundle.course.id);
		expect(progress.percent).toBe(100);
		expect(progress.completedAt).not.toBeNull();
		expect(progress.quizzes.every((q) => q.best === 100 && q.passed)).toBe(true);
		expect(progress.quizzes[0].attempts).toBe(2); // attempts are kept

		const skills = await db
			.selectFrom('user_skill')
			.selectAll()
			.where('user_id', '=', learner)
			.execute();
		expect(skills.map((s) => [s.skill_id, s.source, s.source_ref])).toEqual(
			bundle.course.skills.map((s) => [s.id, 'course', bundle.course.id])
		);
		const certificates = await listCertificates(db, learner, 'my');
		expect(certificates).toHaveLength(1);
		expect(certificates[0].code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);

		expect(await certificateCode(db, learner, bundle.course.id)).toBe(certificates[0].code);

		// Another failed attempt after passing does not undo anything, nor complete the course again.
		expect(await submitQuiz(db, learner, bundle.course.id, quizzes[0].id, {})).toMatchObject({
			ok: true,
			completed: true,
			completedNow: false
		});
		expect((await courseProgress(db, learner, bundle.course.id)).quizzes[0]).toMatchObject({
			best: 100,
			passed: true,
			attempts: 3
		});
		expect(await listCertificates(db, learner, 'my')).toHaveLength(1);
	});

	it('says which step completed the course when it is a lesson, and has no certificate before', async () => {
		const bundle = firstAid();
		await loadCourseBundle(db, bundle);
		const lessonIds = [...bundle.lessons.keys()];
		for (const quiz of bundle.quizzes.values())
			await submitQuiz(db, learner, bundle.course.id, quiz.id, rightAnswers(quiz));
		for (const id of lessonIds.slice(0, -1))
			expect(await markLessonDone(db, learner, bundle.course.id, id)).toEqual({
				ok: true,
				completed: false,
				completedNow: false
			});
		expect(await certificateCode(db, learner, bundle.course.id)).toBeNull();
		expect(await markLessonDone(db, learner, bundle.course.id, lessonIds.at(-1)!)).toEqual({
			ok: true,
			completed: true,
			completedNow: true
		});
		expect(await certificateCode(db, learner, bundle.course.id)).toMatch(
			/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/
		);
		expect(await markLessonDone(db, learner, bundle.course.id, lessonIds.at(-1)!)).toEqual({
			ok: true,
			completed: true,
			completedNow: false
		});
	});

	it('names each course’s first lesson in the catalogue: the lesson with nothing before it, which visitors may read', async () => {
		for (const bundle of readStarterCatalogue()) await loadCourseBundle(db, bundle);
		const cards = await listCourses(db, {}, 'my');
		expect(cards.length).toBeGreaterThanOrEqual(6);
		for (const card of cards) {
			const outline = (await getCourseOutline(db, card.id, 'my'))!;
			expect(card.firstLesson).toBe(outline.modules[0].lessons[0].id);
			expect((await getLesson(db, card.id, card.firstLesson!, 'my'))!.previous).toBeNull();
			expect((await getLesson(db, card.id, outline.modules[0].lessons[1].id, 'my'))!.previous).toBe(
				card.firstLesson
			);
		}
	});

	it('keeps progress when a new version of the course is published', async () => {
		const bundle = firstAid();
		await loadCourseBundle(db, bundle);
		const [first, second] = [...bundle.lessons.keys()];
		await markLessonDone(db, learner, bundle.course.id, first);
		await markLessonDone(db, learner, bundle.course.id, second);

		const next: CourseBundle = structuredClone(bundle);
		next.course.version = bundle.course.version + 1;
		next.course.modules[0].lessons = next.course.modules[0].lessons.filter((l) => l.id !== second);
		next.lessons.delete(second);
		next.course.modules[0].lessons.push({
			id: 'new-lesson',
			minutes: 3,
			title: { my: 'သင်ခန်းစာသစ်', en: 'New lesson' }
		});
		next.lessons.set('new-lesson', { my: 'အသစ်', en: 'New' });
		expect(await loadCourseBundle(db, next)).toBe('updated');

		const progress = await courseProgress(db, learner, bundle.course.id);
		expect(progress.lessonsDone).toEqual([first]);
		expect(progress.lessonsTotal).toBe(bundle.lessons.size);
		// The retired lesson's record is still there, and it cannot be marked any more.
		expect(
			await db
				.selectFrom('lesson_progress')
				.select('lesson_id')
				.where('user_id', '=', learner)
				.execute()
		).toHaveLength(2);
		expect(await markLessonDone(db, learner, bundle.course.id, second)).toEqual({
			ok: false,
			error: 'no_lesson'
		});
	});

	it('refuses unknown courses, lessons and quizzes', async () => {
		await loadCourseBundle(db, firstAid());
		expect(await enrol(db, learner, 'no-such-course')).toEqual({ ok: false, error: 'no_course' });
		expect(await markLessonDone(db, learner, 'first-aid-basics', 'no-such-lesson')).toEqual({
			ok: false,
			error: 'no_lesson'
		});
		expect(await submitQuiz(db, learner, 'first-aid-basics', 'no-such-quiz', {})).toEqual({
			ok: false,
			error: 'no_quiz'
		});
	});
});

describe('the lesson reader', () => {
	it("gives the lesson in the reader's language with its neighbours and the quiz that closes its module", async () => {
		const bundle = firstAid();
		await loadCourseBundle(db, bundle);
		const [firstModule, secondModule] = bundle.course.modules;
		const last = firstModule.lessons.at(-1)!;
		const page = await getLesson(db, bundle.course.id, last.id, 'my');
		expect(page).toMatchObject({
			title: last.title.my,
			bodyLocale: 'my',
			previous: firstModule.lessons.at(-2)!.id,
			next: secondModule.lessons[0].id,
			quizAfter: firstModule.quiz
		});
		// The page heading is the title; the Markdown's own first heading is not repeated.
		expect(page!.body.startsWith('# ')).toBe(false);
		const english = await getLesson(db, bundle.course.id, firstModule.lessons[0].id, 'en');
		expect(english).toMatchObject({
			title: firstModule.lessons[0].title.en,
			bodyLocale: 'en',
			previous: null,
			quizAfter: null
		});
		expect(await getLesson(db, bundle.course.id, 'no-such-lesson', 'en')).toBeNull();
	});
});

describe('certificates', () => {
	it('verify, hide and revoke, by their holder only', async () => {
		const bundle = firstAid();
		await loadCourseBundle(db, bundle);
		await completeCourse(bundle);
		const [certificate] = await listCertificates(db, learner, 'en');
		expect(await verifyCertificate(db, certificate.code.toLowerCase())).toMatchObject({
			status: 'valid',
			displayName: null,
			kind: 'course',
			title: { en: bundle.course.title.en }
		});

		const other = await signUp(
			db,
			{
				username: 'someone',
				password: 'not the holder here',
				kind: 'learner',
				background: null,
				locale: 'my'
			},
			'x'
		);
		if (!other.ok) throw new Error();
		expect(await updateCertificate(db, other.userId, certificate.code, { hidden: true })).toBe(
			false
		);
		expect(await revokeCertificate(db, other.userId, certificate.code)).toBe(false);

		expect(await updateCertificate(db, learner, certificate.code, { displayName: 'Ko Aung' })).toBe(
			true
		);
		expect(await verifyCertificate(db, certificate.code)).toMatchObject({
			status: 'valid',
			displayName: 'Ko Aung'
		});
		expect(await updateCertificate(db, learner, certificate.code, { hidden: true })).toBe(true);
		expect(await verifyCertificate(db, certificate.code)).toEqual({ status: 'unknown' });
		expect(await updateCertificate(db, learner, certificate.code, { hidden: false })).toBe(true);
		expect(await revokeCertificate(db, learner, certificate.code)).toBe(true);
		expect(await verifyCertificate(db, certificate.code)).toEqual({ status: 'revoked' });
		expect(await verifyCertificate(db, 'AAAA-BBBB-CCCC-DDDD')).toEqual({ status: 'unknown' });
	});
});
