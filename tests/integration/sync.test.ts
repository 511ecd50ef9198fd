/** Offline progress synced as events: the same final state whatever the order, replays, duplicates and interruptions. */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder } from '$lib/server/courses/content-files';
import { applyEvents } from '$lib/server/courses/sync';
import type { SyncEvent } from '$lib/schemas/learning';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import { refuseInserts } from '../helpers/engine';
import { account } from '../helpers/authors';

const COURSE = 'first-aid-basics';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadCourseBundle(db, readCourseFolder(`content/courses/${COURSE}`));
});
afterEach(() => cleanup());

/** A batch's outcomes, event by event; fails the test when the batch was refused whole. */
async function outcomesOf(...args: Parameters<typeof applyEvents>) {
	const result = await applyEvents(...args);
	if (!result.ok) throw new Error(`batch refused: ${JSON.stringify(result)}`);
	return result.outcomes;
}

type Q = {
	id: string;
	type: string;
	options?: { id: string; correct: boolean }[];
	answer?: boolean;
	accepted?: { my: string[]; en: string[] };
};
function rightAnswers(quizId: string): Record<string, string | string[] | boolean> {
	const quiz = JSON.parse(
		fs.readFileSync(`content/courses/${COURSE}/quizzes/${quizId}.json`, 'utf8')
	) as { questions: Q[] };
	return Object.fromEntries(
		quiz.questions.map((q) => {
			if (q.type === 'single') return [q.id, q.options!.find((o) => o.correct)!.id];
			if (q.type === 'multiple')
				return [q.id, q.options!.filter((o) => o.correct).map((o) => o.id)];
			if (q.type === 'true_false') return [q.id, q.answer!];
			return [q.id, q.accepted!.en[0] ?? q.accepted!.my[0]];
		})
	);
}

/** What a learner did on the phone: every lesson, a failed try at the first quiz, then passes. */
function offlineEvents(): SyncEvent[] {
	const events: SyncEvent[] = [];
	let at = 1_700_000_000_000;
	for (const module of course.modules) {
		for (const lesson of module.lessons)
			events.push({
				id: `e-lesson-${lesson.id}`,
				type: 'lesson_done',
				courseId: COURSE,
				lessonId: lesson.id,
				at: (at += 60_000)
			});
		if (module.quiz === course.modules[0].quiz)
			events.push({
				id: `e-fail-${module.quiz}`,
				type: 'quiz_attempt',
				courseId: COURSE,
				quizId: module.quiz,
				answers: {},
				at: (at += 60_000)
			});
		events.push({
			id: `e-pass-${module.quiz}`,
			type: 'quiz_attempt',
			courseId: COURSE,
			quizId: module.quiz,
			answers: rightAnswers(module.quiz),
			at: (at += 60_000)
		});
	}
	return events;
}

async function finalState(userId: string) {
	const lessons = await db
		.selectFrom('lesson_progress')
		.select(['lesson_id', 'done_at'])
		.where('user_id', '=', userId)
		.orderBy('lesson_id')
		.execute();
	const attempts = await db
		.selectFrom('quiz_attempt')
		.select(['quiz_id', 'score', 'passed', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const enrolment = await db
		.selectFrom('enrolment')
		.select('completed_at')
		.where('user_id', '=', userId)
		.execute();
	const certificates = await db
		.selectFrom('certificate')
		.select(['course_id', 'issued_at'])
		.where('user_id', '=', userId)
		.execute();
	const skills = await db
		.selectFrom('user_skill')
		.select(['skill_id', 'level', 'granted_at'])
		.where('user_id', '=', userId)
		.orderBy('skill_id')
		.execute();
	return { lessons, attempts, enrolment, certificates, skills };
}

const shuffle = <T>(items: T[], seed: number) => {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		const j = seed % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
};

describe('syncing offline progress', () => {
	it('gives one final state for every order, replay, duplicate and interrupted batch, with one completion and one certificate', async () => {
		const events = offlineEvents();
		const reference = await account(db, 'inorder', 'learner');
		const first = await outcomesOf(db, reference.userId, events);
		expect(first.every((o) => o.status === 'applied')).toBe(true);
		const expected = await finalState(reference.userId);
		expect(expected.lessons).toHaveLength(7);
		expect(expected.attempts.map((a) => a.passed)).toEqual([0, 1, 1]);
		expect(expected.enrolment[0].completed_at).toBe(Math.max(...events.map((e) => e.at)));
		expect(expected.certificates).toHaveLength(1);

		const scenarios: [string, (userId: string) => Promise<void>][] = [
			['reversed', async (u) => void (await applyEvents(db, u, [...events].reverse()))],
			[
				'shuffled, with each event twice in one batch',
				async (u) => void (await applyEvents(db, u, shuffle([...events, ...events], 7)))
			],
			[
				'sent three times',
				async (u) => {
					for (let i = 0; i < 3; i++) await applyEvents(db, u, events);
				}
			],
			[
				'cut off after four events, then sent again whole, in small batches',
				async (u) => {
					await applyEvents(db, u, events.slice(0, 4));
					for (let i = 0; i < events.length; i += 3)
						await applyEvents(db, u, events.slice(i, i + 3));
				}
			]
		];
		for (const [name, run] of scenarios) {
			const learner = await account(db, name.replace(/\W+/g, '').slice(0, 20), 'learner');
			await run(learner.userId);
			expect(await finalState(learner.userId), name).toEqual(expected);
		}
	});

	it('answers a replayed event as a duplicate, refuses events for things that do not exist, and keeps learners apart', async () => {
		const a = await account(db, 'learnera', 'learner');
		const b = await account(db, 'learnerb', 'learner');
		const lesson = course.modules[0].lessons[0].id;
		const done: SyncEvent = {
			id: 'same-id',
			type: 'lesson_done',
			courseId: COURSE,
			lessonId: lesson,
			at: 5
		};
		expect(await outcomesOf(db, a.userId, [done])).toEqual([{ id: 'same-id', status: 'applied' }]);
		expect(await outcomesOf(db, a.userId, [done])).toEqual([
			{ id: 'same-id', status: 'duplicate' }
		]);
		// Another learner's phone may choose the same id: it is theirs, applied for them.
		expect(await outcomesOf(db, b.userId, [done])).toEqual([{ id: 'same-id', status: 'applied' }]);
		const bad: SyncEvent[] = [
			{ id: 'no-lesson', type: 'lesson_done', courseId: COURSE, lessonId: 'no-such-lesson', at: 5 },
			{
				id: 'no-course',
				type: 'quiz_attempt',
				courseId: 'no-such-course',
				quizId: 'q',
				answers: {},
				at: 5
			}
		];
		expect(await outcomesOf(db, a.userId, bad)).toEqual([
			{ id: 'no-lesson', status: 'rejected' },
			{ id: 'no-course', status: 'rejected' }
		]);
		expect(await outcomesOf(db, a.userId, bad)).toEqual([
			{ id: 'no-lesson', status: 'duplicate' },
			{ id: 'no-course', status: 'duplicate' }
		]);
		// Dates from a phone whose clock runs ahead are brought back to now.
		await applyEvents(
			db,
			a.userId,
			[
				{
					id: 'future',
					type: 'lesson_done',
					courseId: COURSE,
					lessonId: course.modules[0].lessons[1].id,
					at: 9e15
				}
			],
			1000
		);
		const row = await db
			.selectFrom('lesson_progress')
			.select('done_at')
			.where('user_id', '=', a.userId)
			.where('lesson_id', '=', course.modules[0].lessons[1].id)
			.executeTakeFirstOrThrow();
		expect(row.done_at).toBe(1000);
	});

	it('writes a batch whole or not at all: one that fails part way leaves nothing, and is applied whole when sent again', async () => {
		const a = await account(db, 'cutoff', 'learner');
		const events = offlineEvents();
		const failing = course.modules[0].lessons[2].id;
		// The disk fills up (or the process stops) while the third lesson is written.
		const allow = await refuseInserts(db, 'lesson_progress', 'disk full', {
			column: 'lesson_id',
			value: failing
		});
		await expect(applyEvents(db, a.userId, events)).rejects.toThrow(/disk full/);
		expect(
			await db.selectFrom('sync_event').select('event_id').where('user_id', '=', a.userId).execute()
		).toEqual([]);
		expect(
			await db
				.selectFrom('lesson_progress')
				.select('lesson_id')
				.where('user_id', '=', a.userId)
				.execute()
		).toEqual([]);

		await allow();
		expect((await outcomesOf(db, a.userId, events)).every((o) => o.status === 'applied')).toBe(
			true
		);
		expect((await finalState(a.userId)).lessons).toHaveLength(7);
	});

	it('reads typed answers as the quiz form does: Zawgyi counts as Unicode, control characters refuse the event and write nothing', async () => {
		const a = await account(db, 'typist', 'learner');
		const quizId = course.modules[0].quiz;
		const answers = rightAnswers(quizId);
		// Typed on a phone with a Zawgyi keyboard: နှစ်ဆယ် ("twenty") in Zawgyi.
		const zawgyi = { ...answers, 'q1-4': 'ႏွစ္ဆယ္' };
		expect(
			await outcomesOf(db, a.userId, [
				{
					id: 'zawgyi-try',
					type: 'quiz_attempt',
					courseId: COURSE,
					quizId,
					answers: zawgyi,
					at: 10
				}
			])
		).toEqual([{ id: 'zawgyi-try', status: 'applied' }]);
		const attempt = await db
			.selectFrom('quiz_attempt')
			.select(['score', 'answers'])
			.where('user_id', '=', a.userId)
			.executeTakeFirstOrThrow();
		expect(attempt.score).toBe(100);
		expect(JSON.parse(attempt.answers)['q1-4']).toBe('နှစ်ဆယ်');

		const before = await finalState(a.userId);
		const hostile = { ...answers, 'q1-4': 'twenty\u0000' };
		expect(
			await outcomesOf(db, a.userId, [
				{
					id: 'control-try',
					type: 'quiz_attempt',
					courseId: COURSE,
					quizId,
					answers: hostile,
					at: 20
				}
			])
		).toEqual([{ id: 'control-try', status: 'rejected' }]);
		expect(await finalState(a.userId)).toEqual(before);
		expect(
			await db
				.selectFrom('sync_event')
				.select(['status', 'error'])
				.where('event_id', '=', 'control-try')
				.executeTakeFirst()
		).toEqual({ status: 'rejected', error: 'invalid_answer' });
	});

	it('refuses an attempt with an answer its question cannot take, and keeps only the quiz’s own questions of one that fits', async () => {
		const a = await account(db, 'forger', 'learner');
		const quizId = course.modules[0].quiz;
		const answers = rightAnswers(quizId);
		const forged: [string, string | string[]][] = [
			['q1-1', 'ေက်ာင္းသား'],
			['q1-2', ['a', 'zz']],
			['q1-3', 'maybe'],
			['q1-4', 'ဿ'.repeat(501)]
		];
		for (const [question, value] of forged) {
			const id = `forged-${question}`;
			expect(
				await outcomesOf(db, a.userId, [
					{
						id,
						type: 'quiz_attempt',
						courseId: COURSE,
						quizId,
						answers: { ...answers, [question]: value },
						at: 10
					}
				]),
				question
			).toEqual([{ id, status: 'rejected' }]);
		}
		expect(
			await db.selectFrom('quiz_attempt').select('id').where('user_id', '=', a.userId).execute()
		).toEqual([]);
		// Keys that name no question of this quiz are never read, however many.
		const extra: Record<string, string> = { 'no-such-question': 'x'.repeat(500) };
		for (let i = 0; i < 300; i++) extra[`k${i}`] = 'ဿ'.repeat(500);
		expect(
			await outcomesOf(db, a.userId, [
				{
					id: 'extra-keys',
					type: 'quiz_attempt',
					courseId: COURSE,
					quizId,
					answers: { ...answers, ...extra },
					at: 10
				}
			])
		).toEqual([{ id: 'extra-keys', status: 'applied' }]);
		const stored = JSON.parse(
			(
				await db
					.selectFrom('quiz_attempt')
					.select('answers')
					.where('user_id', '=', a.userId)
					.executeTakeFirstOrThrow()
			).answers
		);
		expect(Object.keys(stored).sort()).toEqual(Object.keys(answers).sort());
	});
});
