/** A learner's daily quotas: synced events, quiz attempts sent with the form, messages in application threads. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { applyToRole } from '$lib/server/applications/lifecycle';
import { postMessage } from '$lib/server/applications/messages';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder } from '$lib/server/courses/content-files';
import { quizAttemptAllowed } from '$lib/server/courses/progress';
import { applyEvents } from '$lib/server/courses/sync';
import type { SyncEvent } from '$lib/schemas/learning';
import type { Db } from '$lib/server/db';
import { DAY_MS, QUOTAS } from '$lib/server/quotas';
import { createRole, moveRole } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { roleInput } from '../helpers/roles';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

const lessonDone = (id: string): SyncEvent => ({
	id,
	type: 'lesson_done',
	courseId: 'first-aid-basics',
	lessonId: '01-check-safety',
	at: NOW - HOUR
});

describe('daily quotas', () => {
	it('refuses a sync batch whole once its new events pass the day’s quota; events sent again and events over a day old do not count', async () => {
		await loadCourseBundle(db, readCourseFolder('content/courses/first-aid-basics'));
		const learner = await account(db, 'busyphone', 'learner');
		const rows = (count: number, receivedAt: number, prefix: string) =>
			Array.from({ length: count }, (_, i) => ({
				user_id: learner.userId,
				event_id: `${prefix}-${i}`,
				status: 'applied' as const,
				error: null,
				received_at: receivedAt
			}));
		// Yesterday's events are outside the window; today's leave room for one more.
		await db
			.insertInto('sync_event')
			.values(rows(300, NOW - DAY_MS - 1, 'yesterday'))
			.execute();
		await db
			.insertInto('sync_event')
			.values(rows(QUOTAS.syncEvents - 1, NOW - 5 * HOUR, 'today'))
			.execute();
		const before = await db
			.selectFrom('sync_event')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();

		expect(
			await applyEvents(
				db,
				learner.userId,
				[lessonDone('new-event-1'), lessonDone('new-event-2')],
				NOW
			)
		).toEqual({ ok: false, error: 'quota', retryAfterMs: DAY_MS - 5 * HOUR });
		expect(
			await db
				.selectFrom('sync_event')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).toEqual(before);
		expect(
			await db
				.selectFrom('lesson_progress')
				.selectAll()
				.where('user_id', '=', learner.userId)
				.execute()
		).toEqual([]);

		// One new event (twice in the batch) and ones already had fit.
		const fits = await applyEvents(
			db,
			learner.userId,
			[lessonDone('new-event-1'), lessonDone('today-0'), lessonDone('new-event-1')],
			NOW
		);
		expect(fits).toEqual({
			ok: true,
			outcomes: [
				{ id: 'new-event-1', status: 'applied' },
				{ id: 'today-0', status: 'duplicate' },
				{ id: 'new-event-1', status: 'duplicate' }
			]
		});
		// Now full: only events already had may come again.
		expect(await applyEvents(db, learner.userId, [lessonDone('today-1')], NOW)).toMatchObject({
			ok: true
		});
		expect(await applyEvents(db, learner.userId, [lessonDone('new-event-3')], NOW)).toMatchObject({
			ok: false,
			error: 'quota'
		});
		// Another learner has a quota of their own.
		const other = await account(db, 'quietphone', 'learner');
		expect(await applyEvents(db, other.userId, [lessonDone('new-event-3')], NOW)).toMatchObject({
			ok: true
		});
		// A day after the oldest of today's events, there is room again.
		expect(
			await applyEvents(db, learner.userId, [lessonDone('new-event-3')], NOW + DAY_MS - 5 * HOUR)
		).toMatchObject({ ok: true });
	});

	it('lets a learner send the quiz form the day’s quota of times', async () => {
		const learner = await account(db, 'quizzer', 'learner');
		const attempts = (count: number, createdAt: number) =>
			Array.from({ length: count }, (_, i) => ({
				id: `attempt-${createdAt}-${i}`,
				user_id: learner.userId,
				course_id: 'c',
				quiz_id: 'q',
				score: 0,
				passed: 0,
				answers: '{}',
				created_at: createdAt
			}));
		await db
			.insertInto('quiz_attempt')
			.values(attempts(QUOTAS.quizAttempts, NOW - DAY_MS))
			.execute();
		await db
			.insertInto('quiz_attempt')
			.values(attempts(QUOTAS.quizAttempts - 1, NOW - 2 * HOUR))
			.execute();
		expect(await quizAttemptAllowed(db, learner.userId, NOW)).toEqual({ ok: true });
		await db
			.insertInto('quiz_attempt')
			.values(attempts(1, NOW - HOUR))
			.execute();
		expect(await quizAttemptAllowed(db, learner.userId, NOW)).toEqual({
			ok: false,
			retryAfterMs: DAY_MS - 2 * HOUR
		});
	});

	it('refuses a learner’s message past the day’s quota, in every thread together; the organization may still write', async () => {
		await loadTaxonomy(db, readTaxonomy());
		const org = await vettedOrgMember(db, 'hirer');
		const admin = await createAdministrator(db, 'quotaadmin');
		if (!admin.ok) throw new Error(admin.error);
		const roles: string[] = [];
		for (const title of ['Clinic volunteer', 'Driver']) {
			const created = await createRole(db, org.userId, roleInput(title));
			if (!created.ok) throw new Error(created.error);
			await moveRole(db, org.userId, created.id, 'submit');
			await reviewRole(db, admin.userId, created.id, 'approve', '');
			await moveRole(db, org.userId, created.id, 'open');
			roles.push(created.id);
		}
		const learner = await account(db, 'writer', 'learner');
		const applications: string[] = [];
		for (const role of roles) {
			const applied = await applyToRole(db, learner.userId, role, '');
			if (!applied.ok) throw new Error(applied.error);
			applications.push(applied.id);
		}
		for (let i = 0; i < QUOTAS.messages; i++)
			expect(
				await postMessage(db, learner.userId, applications[i % 2], `message ${i}`, NOW - HOUR + i)
			).toEqual({ ok: true });
		expect(await postMessage(db, learner.userId, applications[0], 'one more', NOW)).toEqual({
			ok: false,
			error: 'quota',
			retryAfterMs: DAY_MS - HOUR
		});
		expect(await postMessage(db, org.userId, applications[0], 'we can still answer', NOW)).toEqual({
			ok: true
		});
		expect(
			await postMessage(db, learner.userId, applications[1], 'tomorrow', NOW + DAY_MS - HOUR + 1)
		).toEqual({ ok: true });
	});
});
