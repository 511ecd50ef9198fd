/**
 * Progress made on a phone without a network, sent later as events with ids the phone chose.
 * Each event is applied exactly once per learner, whatever the order, however often a batch is
 * sent again, and if a batch fails half way: the batch is one transaction, so the events' ids
 * are claimed together with what they change, and a batch that fails leaves nothing and is
 * applied whole when the phone sends it again. One transaction is also one write to disk per
 * batch rather than one per event (synchronous=FULL waits for each), which keeps a crowd of
 * phones coming back online from stalling everyone else's pages. The rules that make the order not matter are progress.ts's: lessons done
 * stay done, attempts are appended and the best counts, completion only moves forward and is
 * dated by when its last step was met. Answers are read as the quiz form reads them
 * (`submitQuiz`, src/lib/courses/answers.ts): only what each question can take is kept.
 */
import type { Db } from '../db';
import type { SyncEvent } from '../../schemas/learning';
import { markLessonDone, submitQuiz } from './progress';
import { DAY_MS, QUOTAS, withinQuota } from '../quotas';
import type { Result } from '$lib/result';

export interface SyncOutcome {
	id: string;
	/** applied: now; duplicate: already applied or refused before; rejected: refused now (no such course, lesson or quiz). */
	status: 'applied' | 'duplicate' | 'rejected';
}

export type SyncResult = Result<{ outcomes: SyncOutcome[] }, 'quota', { retryAfterMs: number }>;

/**
 * Applies a batch, or none of it when its new events would take the learner past the day's
 * quota (QUOTAS.syncEvents): the phone keeps them and sends them again later.
 */
export async function applyEvents(
	db: Db,
	userId: string,
	events: SyncEvent[],
	now = Date.now()
): Promise<SyncResult> {
	return db.transaction().execute(async (trx): Promise<SyncResult> => {
		const ids = [...new Set(events.map((e) => e.id))];
		const known =
			ids.length === 0
				? []
				: await trx
						.selectFrom('sync_event')
						.select('event_id')
						.where('user_id', '=', userId)
						.where('event_id', 'in', ids)
						.execute();
		const fresh = ids.length - known.length;
		if (fresh > 0) {
			const used = await trx
				.selectFrom('sync_event')
				.select((eb) => [
					eb.fn.countAll<number>().as('count'),
					eb.fn.min<number>('received_at').as('oldest')
				])
				.where('user_id', '=', userId)
				.where('received_at', '>', now - DAY_MS)
				.executeTakeFirstOrThrow();
			const quota = withinQuota(
				QUOTAS.syncEvents,
				{ count: Number(used.count), oldest: used.oldest === null ? null : Number(used.oldest) },
				fresh,
				now
			);
			if (!quota.ok) return { ok: false, error: 'quota', retryAfterMs: quota.retryAfterMs };
		}
		const outcomes: SyncOutcome[] = [];
		for (const event of events) outcomes.push(await applyEvent(trx, userId, event, now));
		return { ok: true, outcomes };
	});
}

async function applyEvent(
	trx: Db,
	userId: string,
	event: SyncEvent,
	now: number
): Promise<SyncOutcome> {
	// A phone's clock may be wrong: an event is never dated in the future.
	const at = Math.min(Math.max(0, event.at), now);
	const seen = await trx
		.selectFrom('sync_event')
		.select('status')
		.where('user_id', '=', userId)
		.where('event_id', '=', event.id)
		.executeTakeFirst();
	if (seen) return { id: event.id, status: 'duplicate' };
	await trx
		.insertInto('sync_event')
		.values({
			user_id: userId,
			event_id: event.id,
			status: 'applied',
			error: null,
			received_at: now
		})
		.execute();
	const result =
		event.type === 'lesson_done'
			? await markLessonDone(trx, userId, event.courseId, event.lessonId, at)
			: await submitQuiz(trx, userId, event.courseId, event.quizId, event.answers, at);
	if (result.ok) return { id: event.id, status: 'applied' };
	await trx
		.updateTable('sync_event')
		.set({ status: 'rejected', error: result.error })
		.where('user_id', '=', userId)
		.where('event_id', '=', event.id)
		.execute();
	return { id: event.id, status: 'rejected' };
}
