/**
 * A training's places, which cannot be oversold. A learner who asks gets a place while one is
 * free and nobody waits; otherwise they join the waitlist, in the order of asking. A place left
 * (withdrawn, declined, an offer let lapse, an account deleted) is offered to the first who
 * waits, kept for them for OFFER_MS, then offered on. Every change of places happens in one
 * transaction that counts the places taken and writes; the database runs one writer at a time,
 * so two requests never both take the last place.
 *
 *   (ask) --place free, nobody waiting--> holding
 *   (ask) --otherwise--> waiting --a place freed, first in line--> offered --confirm--> holding
 *   offered --decline, or time out--> declined;   holding | waiting | offered --withdraw--> withdrawn
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../schema';
import { isOneOf } from '$lib/vocab/one-of';
import { STANDING_STATES, type PlaceState, type Standing } from '$lib/vocab/trainings';
import { newId } from '../auth/tokens';
import { today } from '../matching/opportunities';
import type { Result } from '$lib/result';

/** How long a freed place is kept for the learner it is offered to. */
export const OFFER_MS = 48 * 3600_000;

export type PlaceError =
	'no_training' | 'not_allowed' | 'already_asked' | 'no_place' | 'lapsed' | 'example';
export type PlaceResult<T extends object = object> = Result<T, PlaceError>;

/** Where a learner stands: their state, their turn on the waitlist (1 first), an offer's end. */
export interface LearnerPlace {
	state: PlaceState;
	position: number | null;
	offeredUntil: number | null;
}

/** The training if a learner may ask for a place in it now: open, its organization vetted, not closed. */
async function openTraining(db: Db, trainingId: string, now: number) {
	return db
		.selectFrom('training')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select(['training.id', 'training.seats', 'training.example'])
		.where('training.id', '=', trainingId)
		.where('training.status', '=', 'open')
		.where('organization.status', '=', 'vetted')
		.where('training.closes_on', '>=', today(now))
		.executeTakeFirst();
}

/** A place taken: held, or offered and not lapsed. */
const isTaken = (eb: ExpressionBuilder<Database, 'training_place'>, now: number) =>
	eb.or([
		eb('training_place.state', '=', 'holding'),
		eb.and([
			eb('training_place.state', '=', 'offered'),
			eb('training_place.offered_until', '>=', now)
		])
	]);

/** Places taken: held, or offered and not lapsed. */
async function taken(trx: Db, trainingId: string, now: number): Promise<number> {
	const row = await trx
		.selectFrom('training_place')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('training_id', '=', trainingId)
		.where((eb) => isTaken(eb, now))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Offers that ran out become declined. Returns how many. */
async function lapseOffers(trx: Db, trainingId: string, now: number): Promise<number> {
	const result = await trx
		.updateTable('training_place')
		.set({ state: 'declined', offered_until: null, updated_at: now })
		.where('training_id', '=', trainingId)
		.where('state', '=', 'offered')
		.where('offered_until', '<', now)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/**
 * Offers every free place to the first who wait, in the order they asked; returns the learners
 * offered one (for their news).
 */
async function offerFreePlaces(trx: Db, trainingId: string, now: number): Promise<string[]> {
	await lapseOffers(trx, trainingId, now);
	const training = await trx
		.selectFrom('training')
		.select('seats')
		.where('id', '=', trainingId)
		.executeTakeFirst();
	if (!training) return [];
	const free = training.seats - (await taken(trx, trainingId, now));
	if (free <= 0) return [];
	const next = await trx
		.selectFrom('training_place')
		.select(['id', 'user_id'])
		.where('training_id', '=', trainingId)
		.where('state', '=', 'waiting')
		.orderBy('asked_at')
		.orderBy('id')
		.limit(free)
		.execute();
	if (next.length === 0) return [];
	await trx
		.updateTable('training_place')
		.set({ state: 'offered', offered_until: now + OFFER_MS, updated_at: now })
		.where(
			'id',
			'in',
			next.map((n) => n.id)
		)
		.execute();
	return next.map((n) => n.user_id);
}

/** The learner's turn on the waitlist (1 is next), or null when not waiting. */
async function positionOf(db: Db, trainingId: string, placeId: string): Promise<number | null> {
	const own = await db
		.selectFrom('training_place')
		.select(['state', 'asked_at'])
		.where('id', '=', placeId)
		.executeTakeFirst();
	if (own?.state !== 'waiting') return null;
	const ahead = await db
		.selectFrom('training_place')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('training_id', '=', trainingId)
		.where('state', '=', 'waiting')
		.where((eb) =>
			eb.or([
				eb('asked_at', '<', own.asked_at),
				eb.and([eb('asked_at', '=', own.asked_at), eb('id', '<', placeId)])
			])
		)
		.executeTakeFirstOrThrow();
	return Number(ahead.n) + 1;
}

/**
 * A learner asks for a place: a place when one is free and nobody waits before them, otherwise
 * the waitlist. Asking again after withdrawing or declining puts them at the end of it.
 */
export async function askForPlace(
	db: Db,
	userId: string,
	trainingId: string,
	now = Date.now()
): Promise<PlaceResult<{ state: Standing; position: number | null }>> {
	const user = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (user?.kind !== 'learner') return { ok: false, error: 'not_allowed' };
	return db.transaction().execute(async (trx) => {
		const training = await openTraining(trx, trainingId, now);
		if (!training) return { ok: false, error: 'no_training' };
		// The starter data's example shows what a training looks like; it has no real places.
		if (training.example === 1) return { ok: false, error: 'example' };
		// An offer that ran out is declined first: its learner may ask again, at the end of the line.
		await lapseOffers(trx, trainingId, now);
		const existing = await trx
			.selectFrom('training_place')
			.select(['id', 'state'])
			.where('training_id', '=', trainingId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (existing && isOneOf(STANDING_STATES, existing.state))
			return { ok: false, error: 'already_asked' };
		const someoneWaits = await trx
			.selectFrom('training_place')
			.select('id')
			.where('training_id', '=', trainingId)
			.where('state', '=', 'waiting')
			.limit(1)
			.executeTakeFirst();
		const state: PlaceState =
			!someoneWaits && (await taken(trx, trainingId, now)) < training.seats ? 'holding' : 'waiting';
		const id = existing?.id ?? newId();
		if (existing)
			await trx
				.updateTable('training_place')
				.set({ state, asked_at: now, offered_until: null, updated_at: now })
				.where('id', '=', id)
				.execute();
		else
			await trx
				.insertInto('training_place')
				.values({
					id,
					training_id: trainingId,
					user_id: userId,
					state,
					asked_at: now,
					offered_until: null,
					updated_at: now
				})
				.execute();
		// A place may be free while others wait (an offer lapsed just now): offered in order.
		if (state === 'waiting') await offerFreePlaces(trx, trainingId, now);
		const after = await trx
			.selectFrom('training_place')
			.select('state')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		return {
			ok: true,
			state: after.state as Standing,
			position: await positionOf(trx, trainingId, id)
		};
	});
}

/** A learner leaves a training or its waitlist; a place they held or were offered goes to the next. */
export async function withdrawPlace(
	db: Db,
	userId: string,
	trainingId: string,
	now = Date.now()
): Promise<PlaceResult<{ offered: string[] }>> {
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('training_place')
			.set({ state: 'withdrawn', offered_until: null, updated_at: now })
			.where('training_id', '=', trainingId)
			.where('user_id', '=', userId)
			.where('state', 'in', [...STANDING_STATES])
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) return { ok: false, error: 'no_place' };
		return { ok: true, offered: await offerFreePlaces(trx, trainingId, now) };
	});
}

/** The learner's answer to a place offered to them: taken, or declined (and offered on). */
export async function answerOffer(
	db: Db,
	userId: string,
	trainingId: string,
	accept: boolean,
	now = Date.now()
): Promise<PlaceResult<{ offered: string[] }>> {
	return db.transaction().execute(async (trx) => {
		const place = await trx
			.selectFrom('training_place')
			.select(['id', 'state', 'offered_until'])
			.where('training_id', '=', trainingId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (place?.state !== 'offered') return { ok: false, error: 'no_place' };
		if ((place.offered_until ?? 0) < now) {
			await offerFreePlaces(trx, trainingId, now);
			return { ok: false, error: 'lapsed' };
		}
		await trx
			.updateTable('training_place')
			.set({ state: accept ? 'holding' : 'declined', offered_until: null, updated_at: now })
			.where('id', '=', place.id)
			.execute();
		return { ok: true, offered: accept ? [] : await offerFreePlaces(trx, trainingId, now) };
	});
}

/** Offers that ran out, in every training, become declined and their places are offered on. */
export async function lapseAllOffers(
	db: Db,
	now = Date.now()
): Promise<{ trainingId: string; offered: string[] }[]> {
	const trainings = await db
		.selectFrom('training_place')
		.select('training_id')
		.distinct()
		.where('state', '=', 'offered')
		.where('offered_until', '<', now)
		.execute();
	const moved: { trainingId: string; offered: string[] }[] = [];
	for (const { training_id } of trainings)
		moved.push({
			trainingId: training_id,
			offered: await db.transaction().execute((trx) => offerFreePlaces(trx, training_id, now))
		});
	return moved;
}

/**
 * An account being deleted: its places end, and each one it held or was offered goes to the
 * next who waits. Run inside the deletion's transaction.
 */
export async function leaveAllTrainings(trx: Db, userId: string, now = Date.now()): Promise<void> {
	const places = await trx
		.selectFrom('training_place')
		.select(['training_id'])
		.where('user_id', '=', userId)
		.execute();
	await trx.deleteFrom('training_place').where('user_id', '=', userId).execute();
	for (const { training_id } of places) await offerFreePlaces(trx, training_id, now);
}

/** "N of M places left" (offers that ran out count as free). */
export async function placesLeft(
	db: Db,
	trainingId: string,
	now = Date.now()
): Promise<{ seats: number; left: number } | null> {
	const training = await db
		.selectFrom('training')
		.select('seats')
		.where('id', '=', trainingId)
		.executeTakeFirst();
	if (!training) return null;
	const used = await taken(db, trainingId, now);
	return { seats: training.seats, left: Math.max(0, training.seats - used) };
}

/** Where the learner stands with the training, or null when they never asked. */
export async function learnerPlace(
	db: Db,
	userId: string,
	trainingId: string,
	now = Date.now()
): Promise<LearnerPlace | null> {
	const place = await db
		.selectFrom('training_place')
		.select(['id', 'state', 'offered_until'])
		.where('training_id', '=', trainingId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!place) return null;
	const lapsed = place.state === 'offered' && (place.offered_until ?? 0) < now;
	return {
		state: lapsed ? 'declined' : place.state,
		position: await positionOf(db, trainingId, place.id),
		offeredUntil: lapsed ? null : place.offered_until
	};
}

/**
 * Places taken in each of several trainings (held, or offered and not lapsed), in one query: a
 * list of trainings says "N of M places left" for each. Trainings nobody asked for are absent.
 */
export async function placesTaken(
	db: Db,
	trainingIds: readonly string[],
	now = Date.now()
): Promise<Map<string, number>> {
	if (trainingIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('training_place')
		.select((eb) => ['training_id', eb.fn.countAll<number>().as('n')])
		.where('training_id', 'in', [...trainingIds])
		.where((eb) => isTaken(eb, now))
		.groupBy('training_id')
		.execute();
	return new Map(rows.map((r) => [r.training_id, Number(r.n)]));
}

/**
 * Where the learner stands with every training they asked for, in one query, as learnerPlace
 * says it for one (an offer that ran out reads as declined; the turn counts those who asked
 * before, as positionOf does).
 */
export async function learnerPlaces(
	db: Db,
	userId: string,
	now = Date.now()
): Promise<Map<string, LearnerPlace>> {
	const rows = await db
		.selectFrom('training_place')
		.select((eb) => [
			'training_place.training_id',
			'training_place.state',
			'training_place.offered_until',
			eb
				.selectFrom('training_place as ahead')
				.select((a) => a.fn.countAll<number>().as('n'))
				.whereRef('ahead.training_id', '=', 'training_place.training_id')
				.where('ahead.state', '=', 'waiting')
				.where((a) =>
					a.or([
						a('ahead.asked_at', '<', a.ref('training_place.asked_at')),
						a.and([
							a('ahead.asked_at', '=', a.ref('training_place.asked_at')),
							a('ahead.id', '<', a.ref('training_place.id'))
						])
					])
				)
				.as('ahead')
		])
		.where('training_place.user_id', '=', userId)
		.execute();
	return new Map(
		rows.map((r) => {
			const lapsed = r.state === 'offered' && (r.offered_until ?? 0) < now;
			return [
				r.training_id,
				{
					state: lapsed ? 'declined' : r.state,
					position: r.state === 'waiting' ? Number(r.ahead) + 1 : null,
					offeredUntil: lapsed ? null : r.offered_until
				}
			];
		})
	);
}
