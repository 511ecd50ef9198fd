/** The authoring functions behind the editor pages: ids made for the author, order, quizzes, skills, publishing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { addCourse, chooseCourseSkills, setPublished } from '$lib/server/courses/authoring/course';
import {
	addLesson,
	moveLesson,
	restoreLesson,
	retireLesson,
	updateLesson
} from '$lib/server/courses/authoring/lessons';
import { addModule, renameModule } from '$lib/server/courses/authoring/modules';
import {
	addQuiz,
	removeQuestion,
	saveQuestion,
	updateQuizDetails
} from '$lib/server/courses/authoring/quizzes';
import { type Author } from '$lib/server/courses/authoring/authors';
import { getCourseDraft, getQuizDraft, listAuthoredCourses } from '$lib/server/courses/drafts';
import { getLesson } from '$lib/server/courses/reading';
import { publishedVersions } from '$lib/server/courses/offline';
import { courseProgress, submitQuiz } from '$lib/server/courses/progress';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import {
	account as accountIn,
	publishApproved,
	vettedOrgMember as vettedIn
} from '../helpers/authors';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

const account = (username: string, kind: 'learner' | 'org_member') => accountIn(db, username, kind);
const vettedOrgMember = (username: string) => vettedIn(db, username);

const details = {
	category: 'vocational' as const,
	audience: 'everyone' as const,
	title: { my: 'ချုပ်ရိုး', en: 'Sewing seams!' },
	summary: { my: 'ချုပ်နည်း', en: '' }
};
const text = (my: string, en = '') => ({ my, en });
const lessonInput = (moduleId: string, title: string) => ({
	moduleId,
	minutes: 5,
	title: text(title, title),
	body: text(`${title} စာ`)
});
const trueFalse = {
	type: 'true_false' as const,
	prompt: text('မှန်လား'),
	explanation: text('မှန်သည်'),
	answer: true
};

async function newCourse(author: Author) {
	const created = await addCourse(db, author, details);
	if (!created.ok) throw new Error(created.error);
	return created.id;
}

describe('ids the author never types', () => {
	it('makes a readable, unique course id from the English title, and numbered parts, lessons and quizzes', async () => {
		const author = await vettedOrgMember('ids');
		const first = await newCourse(author);
		const second = await newCourse(author);
		expect(first).toMatch(/^sewing-seams-[a-z0-9]{5}$/);
		expect(second).not.toBe(first);
		expect(await addCourse(db, author, { ...details, title: text('မြန်မာသာ') })).toMatchObject({
			ok: true,
			id: expect.stringMatching(/^course-[a-z0-9]{5}$/)
		});

		expect(await addModule(db, author, first, text('အပိုင်း ၁'))).toEqual({ ok: true, id: 'part-1' });
		expect(await addModule(db, author, first, text('အပိုင်း ၂'))).toEqual({ ok: true, id: 'part-2' });
		expect(await addLesson(db, author, first, lessonInput('part-1', 'a'))).toEqual({
			ok: true,
			id: 'lesson-1'
		});
		expect(
			await addQuiz(db, author, first, 'part-1', { title: text('စစ်'), passMark: 70 }, trueFalse)
		).toEqual({ ok: true, id: 'quiz-1' });
		expect(
			await addQuiz(db, author, first, 'part-1', { title: text('စစ်'), passMark: 70 }, trueFalse)
		).toEqual({ ok: false, error: 'quiz_exists' });
		expect(await addLesson(db, author, first, lessonInput('part-9', 'x'))).toEqual({
			ok: false,
			error: 'no_module'
		});
	});
});

describe('lesson order', () => {
	it('keeps lessons in the order of their parts, so the reader goes through part 1 before part 2', async () => {
		const author = await vettedOrgMember('order');
		const course = await newCourse(author);
		await addModule(db, author, course, text('one'));
		await addModule(db, author, course, text('two'));
		await addLesson(db, author, course, lessonInput('part-1', 'a'));
		await addLesson(db, author, course, lessonInput('part-2', 'c'));
		// Added to part 1 after part 2 already has a lesson.
		await addLesson(db, author, course, lessonInput('part-1', 'b'));
		await publishApproved(db, author, course);
		const draft = await getCourseDraft(db, author, course);
		expect(draft?.modules.map((m) => m.lessons.map((l) => l.title.en))).toEqual([
			['a', 'b'],
			['c']
		]);
		const b = await getLesson(db, course, 'lesson-3', 'en');
		expect(b).toMatchObject({ previous: 'lesson-1', next: 'lesson-2' });

		// Moving stays inside the part: the first lesson of part 2 cannot move up into part 1.
		expect(await moveLesson(db, author, course, 'lesson-2', 'up')).toEqual({ ok: true });
		expect((await getCourseDraft(db, author, course))?.modules[1].lessons.map((l) => l.id)).toEqual(
			['lesson-2']
		);
		expect(await moveLesson(db, author, course, 'lesson-3', 'up')).toEqual({ ok: true });
		expect((await getCourseDraft(db, author, course))?.modules[0].lessons.map((l) => l.id)).toEqual(
			['lesson-3', 'lesson-1']
		);
	});

	it('removes a lesson and puts it back; an edit keeps its part', async () => {
		const author = await vettedOrgMember('retire');
		const course = await newCourse(author);
		await addModule(db, author, course, text('one'));
		await addLesson(db, author, course, lessonInput('part-1', 'a'));
		await addLesson(db, author, course, lessonInput('part-1', 'b'));
		await retireLesson(db, author, course, 'lesson-1');
		let draft = await getCourseDraft(db, author, course);
		expect(draft?.modules[0].lessons.map((l) => l.id)).toEqual(['lesson-2']);
		expect(draft?.retiredLessons.map((l) => l.id)).toEqual(['lesson-1']);
		expect(await restoreLesson(db, author, course, 'lesson-1')).toEqual({ ok: true });
		draft = await getCourseDraft(db, author, course);
		expect(draft?.modules[0].lessons.map((l) => l.id)).toEqual(['lesson-1', 'lesson-2']);
		expect(
			await updateLesson(db, author, course, {
				id: 'lesson-2',
				minutes: 9,
				title: text('b2'),
				body: text('new')
			})
		).toEqual({ ok: true });
		expect(
			await updateLesson(db, author, course, {
				id: 'lesson-7',
				minutes: 9,
				title: text('x'),
				body: text('x')
			})
		).toEqual({ ok: false, error: 'no_lesson' });
		expect(await renameModule(db, author, course, 'part-4', text('x'))).toEqual({
			ok: false,
			error: 'no_module'
		});
		expect((await getCourseDraft(db, author, course))?.modules).toHaveLength(1);
	});
});

describe('quizzes', () => {
	it('adds, edits and removes questions, never leaving a quiz empty; attempts already made keep their score', async () => {
		const author = await vettedOrgMember('quizzer');
		const course = await newCourse(author);
		await addModule(db, author, course, text('one'));
		await addLesson(db, author, course, lessonInput('part-1', 'a'));
		await addQuiz(db, author, course, 'part-1', { title: text('စစ်'), passMark: 100 }, trueFalse);
		await publishApproved(db, author, course);
		const learner = await account('learner', 'learner');
		expect(
			await submitQuiz(db, learner.userId, course, 'quiz-1', { 'question-1': true })
		).toMatchObject({ ok: true, score: { passed: true } });

		const choice = {
			type: 'single' as const,
			prompt: text('ဘယ်ဟာ'),
			explanation: text('ဒါ'),
			options: [
				{ id: 'option-1', text: text('က'), correct: true },
				{ id: 'option-2', text: text('ခ'), correct: false }
			]
		};
		expect(await saveQuestion(db, author, course, 'quiz-1', null, choice)).toEqual({
			ok: true,
			id: 'question-2'
		});
		expect(
			await saveQuestion(db, author, course, 'quiz-1', 'question-1', {
				...trueFalse,
				answer: false
			})
		).toEqual({ ok: true, id: 'question-1' });
		expect(await saveQuestion(db, author, course, 'quiz-1', 'question-9', trueFalse)).toEqual({
			ok: false,
			error: 'no_question'
		});
		expect(
			await updateQuizDetails(db, author, course, 'quiz-1', text('စစ်ဆေး', 'Check'), 60)
		).toEqual({ ok: true });
		let quiz = await getQuizDraft(db, author, course, 'quiz-1');
		expect(quiz).toMatchObject({ passMark: 60, title: { en: 'Check' } });
		expect(quiz?.questions.map((q) => q.id)).toEqual(['question-1', 'question-2']);
		expect(quiz?.questions[0]).toMatchObject({ type: 'true_false', answer: false });

		expect(await removeQuestion(db, author, course, 'quiz-1', 'question-1')).toEqual({ ok: true });
		expect(await removeQuestion(db, author, course, 'quiz-1', 'question-2')).toEqual({
			ok: false,
			error: 'last_question'
		});
		quiz = await getQuizDraft(db, author, course, 'quiz-1');
		expect(quiz?.questions.map((q) => q.id)).toEqual(['question-2']);
		// The learner's pass stands: the best score counts, and attempts are never rewritten.
		expect((await courseProgress(db, learner.userId, course)).quizzes[0]).toMatchObject({
			passed: true
		});
	});
});

describe('skills', () => {
	it('takes skills from the list, adds one new skill by name, and refuses ids that do not exist', async () => {
		const author = await vettedOrgMember('skills');
		const course = await newCourse(author);
		await db
			.insertInto('skill')
			.values({ id: 'sewing', name_my: 'အပ်ချုပ်', name_en: 'Sewing' })
			.execute();
		expect(
			await chooseCourseSkills(db, author, course, [{ id: 'sewing', level: 2 }], {
				name: text('ဇာထိုး', 'Lace making'),
				level: 1
			})
		).toEqual({ ok: true });
		// The new skill is this organization's proposal, waiting for an administrator.
		expect((await getCourseDraft(db, author, course))?.skills).toEqual([
			{ id: 'lace_making', level: 1, name: { my: 'ဇာထိုး', en: 'Lace making' }, proposed: true },
			{ id: 'sewing', level: 2, name: { my: 'အပ်ချုပ်', en: 'Sewing' }, proposed: false }
		]);
		expect(
			await chooseCourseSkills(db, author, course, [{ id: 'flying', level: 1 }], null)
		).toEqual({ ok: false, error: 'no_skill' });
		expect((await getCourseDraft(db, author, course))?.skills).toHaveLength(2);
	});
});

describe('publishing', () => {
	it('refuses a course with no lessons or an empty part, and says why', async () => {
		const author = await vettedOrgMember('publisher');
		const course = await newCourse(author);
		expect((await getCourseDraft(db, author, course))?.problems).toEqual([{ kind: 'no_lessons' }]);
		expect(await setPublished(db, author, course, true)).toEqual({ ok: false, error: 'not_ready' });
		await addModule(db, author, course, text('one'));
		await addModule(db, author, course, text('ဒုတိယ', 'two'));
		await addLesson(db, author, course, lessonInput('part-1', 'a'));
		expect((await getCourseDraft(db, author, course))?.problems).toEqual([
			{ kind: 'empty_module', module: { my: 'ဒုတိယ', en: 'two' } }
		]);
		expect(await setPublished(db, author, course, true)).toEqual({ ok: false, error: 'not_ready' });
		await addLesson(db, author, course, lessonInput('part-2', 'b'));
		// Ready: the organization's first publication waits for an administrator.
		expect(await setPublished(db, author, course, true)).toEqual({ ok: true, status: 'submitted' });
		// Returning to draft is always allowed.
		expect(await setPublished(db, author, course, false)).toEqual({ ok: true, status: 'draft' });
	});

	it('gives a course published again a new version, so phones that downloaded it update', async () => {
		const author = await vettedOrgMember('republisher');
		const course = await newCourse(author);
		await addModule(db, author, course, text('one'));
		await addLesson(db, author, course, lessonInput('part-1', 'a'));
		const version = async () =>
			(
				await db
					.selectFrom('course')
					.select('version')
					.where('id', '=', course)
					.executeTakeFirstOrThrow()
			).version;
		await publishApproved(db, author, course);
		const first = await version();
		expect(await publishedVersions(db, [course, 'no-such-course'])).toEqual({
			[course]: first,
			'no-such-course': null
		});
		await setPublished(db, author, course, false);
		expect(await publishedVersions(db, [course])).toEqual({ [course]: null });
		// Edited while a draft (no new version yet), then published again.
		await addLesson(db, author, course, lessonInput('part-1', 'b'));
		expect(await version()).toBe(first);
		// Approved once, the organization publishes again itself.
		expect(await setPublished(db, author, course, true)).toEqual({ ok: true, status: 'published' });
		expect(await publishedVersions(db, [course])).toEqual({ [course]: first + 1 });
	});
});

describe('the list of courses an author may edit', () => {
	it('shows an organization its own courses only, an administrator every course made in the app, and a learner nothing', async () => {
		const a = await vettedOrgMember('lista');
		const b = await vettedOrgMember('listb');
		const courseA = await newCourse(a);
		const courseB = await newCourse(b);
		expect((await listAuthoredCourses(db, a, 'en'))?.map((c) => c.id)).toEqual([courseA]);
		expect((await listAuthoredCourses(db, b, 'en'))?.map((c) => c.id)).toEqual([courseB]);
		expect(await getCourseDraft(db, b, courseA)).toBeNull();
		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error();
		const all = await listAuthoredCourses(db, { userId: admin.userId, kind: 'admin' }, 'en');
		expect(all?.map((c) => c.id).sort()).toEqual([courseA, courseB].sort());
		expect(all?.find((c) => c.id === courseA)).toMatchObject({
			orgName: 'lista org',
			status: 'draft',
			lessons: 0
		});
		expect(await listAuthoredCourses(db, await account('reader', 'learner'), 'en')).toBeNull();
	});
});
