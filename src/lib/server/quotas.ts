/**
 * What one learner may write in any 24 hours. The defaults are far above what a person does: a
 * phone back online after weeks away sends a few hundred events at most (the starter catalogue
 * has 39 lessons and 12 quizzes), nobody checks answers a hundred times a day, and a
 * conversation with an organization is a few messages a day. They are low enough that one
 * account, free to make, cannot fill the server's disk (or DATABASE_MAX_MB, which would stop
 * every write for everyone): at most about 5 MB a day, most of it typed answers. An operator
 * can change them (README, configuration).
 */
import { config } from './config';
import type { Db } from './db';

export const DAY_MS = 24 * 60 * 60 * 1000;

export const QUOTAS = {
	/** Events a phone syncs (src/lib/server/courses/sync.ts); events sent again do not count. SYNC_EVENTS_PER_DAY, 500. */
	get syncEvents() {
		return config.syncEventsPerDay;
	},
	/** Quiz attempts sent with the quiz form (an attempt synced counts as an event). QUIZ_ATTEMPTS_PER_DAY, 100. */
	get quizAttempts() {
		return config.quizAttemptsPerDay;
	},
	/** Messages a learner writes in application, training and help threads together. MESSAGES_PER_DAY, 50. */
	get messages() {
		return config.messagesPerDay;
	}
};

export type Quota = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Whether `adding` more fits beside `used` writes in the last 24 hours, the oldest of them at
 * `oldest`; if not, how long until that oldest one leaves the window.
 */
export function withinQuota(
	limit: number,
	used: { count: number; oldest: number | null },
	adding: number,
	now: number
): Quota {
	if (used.count + adding <= limit) return { ok: true };
	return { ok: false, retryAfterMs: Math.max(1000, (used.oldest ?? now) + DAY_MS - now) };
}

/** Whether the learner may write one more message today, in any thread (QUOTAS.messages). */
export async function learnerMessageQuota(db: Db, userId: string, now: number): Promise<Quota> {
	const applications = await db
		.selectFrom('application_message')
		.innerJoin('application', 'application.id', 'application_message.application_id')
		.select((eb) => [
			eb.fn.countAll<number>().as('count'),
			eb.fn.min<number>('application_message.at').as('oldest')
		])
		.where('application.user_id', '=', userId)
		.where('application_message.by', '=', 'learner')
		.where('application_message.at', '>', now - DAY_MS)
		.executeTakeFirstOrThrow();
	const trainings = await db
		.selectFrom('training_message')
		.select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<number>('at').as('oldest')])
		.where('user_id', '=', userId)
		.where('by', '=', 'learner')
		.where('at', '>', now - DAY_MS)
		.executeTakeFirstOrThrow();
	const help = await db
		.selectFrom('help_message')
		.innerJoin('help_request', 'help_request.id', 'help_message.request_id')
		.select((eb) => [
			eb.fn.countAll<number>().as('count'),
			eb.fn.min<number>('help_message.at').as('oldest')
		])
		.where('help_request.user_id', '=', userId)
		.where('help_message.by', '=', 'learner')
		// Words a referral copied to another service were written once, not twice.
		.where('help_request.referred', '=', 0)
		.where('help_message.at', '>', now - DAY_MS)
		.executeTakeFirstOrThrow();
	const oldest = [applications.oldest, trainings.oldest, help.oldest]
		.filter((t) => t !== null)
		.map(Number);
	return withinQuota(
		QUOTAS.messages,
		{
			count: Number(applications.count) + Number(trainings.count) + Number(help.count),
			oldest: oldest.length ? Math.min(...oldest) : null
		},
		1,
		now
	);
}
