/**
 * A training's messages: a thread between each participant and the organization (as an
 * application's), and notices the organization posts to every participant at once (a changed
 * date, say). A participant is a learner holding a place, or offered one; a learner who left
 * keeps reading what was written but writes no more. The learner may mute the training: the
 * organization's messages and notices then make no news (a place offered still does). In-app
 * news only, never email or SMS.
 */
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import { recordAudit } from '../audit/trail';
import { learnerMessageQuota } from '../quotas';
import { pseudonym } from '../matching/candidates';
import { orgTraining } from './organization';
import type { Side } from '$lib/vocab/applications';
import type { Result } from '$lib/result';

export type TrainingMessageError = 'no_training' | 'no_place' | 'not_allowed' | 'quota';
export type TrainingMessageResult = Result<object, TrainingMessageError> & {
	retryAfterMs?: number;
};

export interface TrainingThreadMessage {
	by: Side;
	/** A notice to every participant, rather than a message in this thread. */
	notice: boolean;
	body: string;
	at: number;
}

/** States in which a learner may write and is sent notices. */
const TAKING_PART = ['holding', 'offered'] as const;

const THREAD_COLUMNS = ['by', 'body', 'at', 'user_id'] as const;

/** The thread of `userId` with the notices, oldest first. */
async function threadOf(db: Db, trainingId: string, userId: string) {
	const rows = await db
		.selectFrom('training_message')
		.select([...THREAD_COLUMNS])
		.where('training_id', '=', trainingId)
		.where((eb) => eb.or([eb('user_id', '=', userId), eb('user_id', 'is', null)]))
		.orderBy('at')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ by: r.by, notice: r.user_id === null, body: r.body, at: r.at }));
}

/** The learner's thread with the training's organization and its notices; null when they never asked for a place. */
export async function learnerThread(
	db: Db,
	userId: string,
	trainingId: string
): Promise<{
	title: { my: string; en: string };
	org: string;
	messages: TrainingThreadMessage[];
	canWrite: boolean;
	muted: boolean;
} | null> {
	const place = await db
		.selectFrom('training_place')
		.innerJoin('training', 'training.id', 'training_place.training_id')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training_place.state',
			'training_place.learner_muted',
			'training.title_my',
			'training.title_en',
			'organization.name'
		])
		.where('training_place.training_id', '=', trainingId)
		.where('training_place.user_id', '=', userId)
		.executeTakeFirst();
	if (!place) return null;
	return {
		title: { my: place.title_my, en: place.title_en },
		org: place.name,
		messages: await threadOf(db, trainingId, userId),
		canWrite: (TAKING_PART as readonly string[]).includes(place.state),
		muted: place.learner_muted === 1
	};
}

/**
 * A participant's thread as the organization reads it (by the place's id, known by pseudonym);
 * null when not theirs. Reading it is recorded ("who saw me").
 */
export async function orgThread(
	db: Db,
	memberId: string,
	trainingId: string,
	placeId: string,
	now = Date.now()
): Promise<{ pseudonym: string; messages: TrainingThreadMessage[]; canWrite: boolean } | null> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return null;
	const place = await db
		.selectFrom('training_place')
		.select(['user_id', 'state'])
		.where('id', '=', placeId)
		.where('training_id', '=', trainingId)
		.executeTakeFirst();
	if (!place) return null;
	await recordAudit(
		db,
		[{ actor: memberId, org: training.org_id, action: 'messages_view', object: place.user_id }],
		now
	);
	return {
		pseudonym: pseudonym(training.org_id, place.user_id),
		messages: await threadOf(db, trainingId, place.user_id),
		canWrite: (TAKING_PART as readonly string[]).includes(place.state)
	};
}

/** The learner writes to the organization, while taking part and within the day's quota. */
export async function learnerWrites(
	db: Db,
	userId: string,
	trainingId: string,
	body: string,
	now = Date.now()
): Promise<TrainingMessageResult> {
	const thread = await learnerThread(db, userId, trainingId);
	if (!thread) return { ok: false, error: 'no_place' };
	if (!thread.canWrite) return { ok: false, error: 'not_allowed' };
	const quota = await learnerMessageQuota(db, userId, now);
	if (!quota.ok) return { ok: false, error: 'quota', retryAfterMs: quota.retryAfterMs };
	await db
		.insertInto('training_message')
		.values({ id: newId(), training_id: trainingId, user_id: userId, by: 'learner', body, at: now })
		.execute();
	return { ok: true };
}

/** The organization writes in one participant's thread. */
export async function orgWrites(
	db: Db,
	memberId: string,
	trainingId: string,
	placeId: string,
	body: string,
	now = Date.now()
): Promise<TrainingMessageResult> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return { ok: false, error: 'no_training' };
	const place = await db
		.selectFrom('training_place')
		.select(['user_id'])
		.where('id', '=', placeId)
		.where('training_id', '=', trainingId)
		.where('state', 'in', [...TAKING_PART])
		.executeTakeFirst();
	if (!place) return { ok: false, error: 'no_place' };
	await db
		.insertInto('training_message')
		.values({
			id: newId(),
			training_id: trainingId,
			user_id: place.user_id,
			by: 'organization',
			body,
			at: now
		})
		.execute();
	return { ok: true };
}

/** One notice to every participant. */
export async function postNotice(
	db: Db,
	memberId: string,
	trainingId: string,
	body: string,
	now = Date.now()
): Promise<TrainingMessageResult> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return { ok: false, error: 'no_training' };
	await db
		.insertInto('training_message')
		.values({
			id: newId(),
			training_id: trainingId,
			user_id: null,
			by: 'organization',
			body,
			at: now
		})
		.execute();
	return { ok: true };
}

/** The learner mutes or unmutes the training's messages and notices. */
export async function muteTraining(
	db: Db,
	userId: string,
	trainingId: string,
	muted: boolean
): Promise<TrainingMessageResult> {
	const result = await db
		.updateTable('training_place')
		.set({ learner_muted: muted ? 1 : 0 })
		.where('training_id', '=', trainingId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0 ? { ok: true } : { ok: false, error: 'no_place' };
}

/**
 * Ids of the learner's trainings with news for them: a place offered or a certificate issued
 * since they last looked, or (unless muted) a message or notice from the organization.
 */
export async function learnerTrainingNews(db: Db, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('training_place')
		.innerJoin('training', 'training.id', 'training_place.training_id')
		.select('training_place.training_id')
		.where('training_place.user_id', '=', userId)
		.where(({ and, eb, exists, or, selectFrom }) =>
			or([
				and([
					eb('training_place.state', '=', 'offered'),
					eb('training_place.updated_at', '>', eb.ref('training_place.learner_seen_at'))
				]),
				and([
					eb('training_place.state', '=', 'holding'),
					eb('training.completed_at', '>', eb.ref('training_place.learner_seen_at'))
				]),
				and([
					eb('training_place.learner_muted', '=', 0),
					exists(
						selectFrom('training_message')
							.select('training_message.id')
							.whereRef('training_message.training_id', '=', 'training_place.training_id')
							.where('training_message.by', '=', 'organization')
							.where((m) =>
								m.or([
									m('training_message.user_id', 'is', null),
									m('training_message.user_id', '=', userId)
								])
							)
							.whereRef('training_message.at', '>', 'training_place.learner_seen_at')
					)
				])
			])
		)
		.execute();
	return rows.map((r) => r.training_id);
}

/** Places (by id) in the member's organization's trainings whose learner wrote since the organization last looked. */
export async function orgTrainingNews(
	db: Db,
	memberId: string
): Promise<{ placeId: string; trainingId: string }[]> {
	const rows = await db
		.selectFrom('training_place')
		.innerJoin('training', 'training.id', 'training_place.training_id')
		.innerJoin('org_member', 'org_member.org_id', 'training.org_id')
		.select(['training_place.id', 'training_place.training_id'])
		.where('org_member.user_id', '=', memberId)
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('training_message')
					.select('training_message.id')
					.whereRef('training_message.training_id', '=', 'training_place.training_id')
					.whereRef('training_message.user_id', '=', 'training_place.user_id')
					.where('training_message.by', '=', 'learner')
					.whereRef('training_message.at', '>', 'training_place.org_seen_at')
			)
		)
		.execute();
	return rows.map((r) => ({ placeId: r.id, trainingId: r.training_id }));
}

/** The learner has seen the training now (its page): its news is no longer counted. */
export async function learnerSawTraining(
	db: Db,
	userId: string,
	trainingId: string,
	now = Date.now()
): Promise<void> {
	await db
		.updateTable('training_place')
		.set({ learner_seen_at: now })
		.where('training_id', '=', trainingId)
		.where('user_id', '=', userId)
		.execute();
}

/** The organization has seen a participant's thread now. */
export async function orgSawThread(db: Db, placeId: string, now = Date.now()): Promise<void> {
	await db
		.updateTable('training_place')
		.set({ org_seen_at: now })
		.where('id', '=', placeId)
		.execute();
}

/** The notices the organization posted to every participant, oldest first; null when not theirs. */
export async function noticesOf(
	db: Db,
	memberId: string,
	trainingId: string
): Promise<{ body: string; at: number }[] | null> {
	if (!(await orgTraining(db, memberId, trainingId))) return null;
	return db
		.selectFrom('training_message')
		.select(['body', 'at'])
		.where('training_id', '=', trainingId)
		.where('user_id', 'is', null)
		.orderBy('at')
		.orderBy('id')
		.execute();
}
