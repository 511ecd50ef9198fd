/**
 * A training's places (src/lib/server/trainings/places.ts): never more held than it has, a
 * waitlist in the order of asking, a freed place offered to the next for a time, then on.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import { eraseAccounts } from '$lib/server/accounts/erase';
import {
	answerOffer,
	askForPlace,
	lapseAllOffers,
	learnerPlace,
	OFFER_MS,
	placesLeft,
	withdrawPlace
} from '$lib/server/trainings/places';
import { moveTraining } from '$lib/server/trainings/editing';
import { sweep } from '$lib/server/housekeeping';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openTraining } from '../helpers/trainings';

let db: Db;
eachTestDb((made) => (db = made));

let member: string;
let admin: string;
beforeEach(async () => {
	member = (await vettedOrgMember(db, 'sewing')).userId;
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
});

const learners = async (count: number, prefix = 'spouse') => {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) ids.push((await account(db, `${prefix}${i}`, 'learner')).userId);
	return ids;
};

const states = async (trainingId: string) =>
	db
		.selectFrom('training_place')
		.select(['user_id', 'state', 'asked_at'])
		.where('training_id', '=', trainingId)
		.orderBy('asked_at')
		.orderBy('id')
		.execute();

describe('places', () => {
	it('gives places while free, then the waitlist in order, and says how many are left', async () => {
		const training = await openTraining(db, member, admin, 2);
		const [a, b, c, d] = await learners(4);
		expect(await placesLeft(db, training)).toEqual({ seats: 2, left: 2 });
		expect(await askForPlace(db, a, training, 1000)).toEqual({
			ok: true,
			state: 'holding',
			position: null
		});
		expect(await askForPlace(db, b, training, 2000)).toEqual({
			ok: true,
			state: 'holding',
			position: null
		});
		expect(await askForPlace(db, c, training, 3000)).toEqual({
			ok: true,
			state: 'waiting',
			position: 1
		});
		expect(await askForPlace(db, d, training, 4000)).toEqual({
			ok: true,
			state: 'waiting',
			position: 2
		});
		expect(await placesLeft(db, training)).toEqual({ seats: 2, left: 0 });
		expect(await askForPlace(db, a, training, 5000)).toEqual({ ok: false, error: 'already_asked' });
	});

	it('offers a withdrawn place to the first who waits, for a time; declined or let lapse, it goes on', async () => {
		const training = await openTraining(db, member, admin, 2);
		const [a, b, c, d] = await learners(4);
		for (const [i, id] of [a, b, c, d].entries()) await askForPlace(db, id, training, 1000 + i);
		const withdrawn = await withdrawPlace(db, a, training, 10_000);
		expect(withdrawn).toEqual({ ok: true, offered: [c] });
		expect(await learnerPlace(db, c, training, 10_001)).toEqual({
			state: 'offered',
			position: null,
			offeredUntil: 10_000 + OFFER_MS
		});
		// d is now first in line; the offered place is kept for c.
		expect((await learnerPlace(db, d, training, 10_001))?.position).toBe(1);
		expect(await placesLeft(db, training, 10_001)).toEqual({ seats: 2, left: 0 });
		expect(await answerOffer(db, c, training, false, 20_000)).toEqual({ ok: true, offered: [d] });
		// d lets it lapse: the place is free again, nobody waits.
		expect(await lapseAllOffers(db, 20_000 + OFFER_MS + 1)).toEqual([
			{ trainingId: training, offered: [] }
		]);
		expect(await learnerPlace(db, d, training, 20_000 + OFFER_MS + 2)).toMatchObject({
			state: 'declined'
		});
		expect(await answerOffer(db, d, training, true, 20_000 + OFFER_MS + 3)).toEqual({
			ok: false,
			error: 'no_place'
		});
		expect(await placesLeft(db, training, 20_000 + OFFER_MS + 4)).toEqual({ seats: 2, left: 1 });
		// Asking again after declining: a place, as one is free and nobody waits.
		expect(await askForPlace(db, d, training, 20_000 + OFFER_MS + 5)).toMatchObject({
			ok: true,
			state: 'holding'
		});
	});

	it('an offer confirmed in time is a place; one confirmed too late is refused and goes on', async () => {
		const training = await openTraining(db, member, admin, 1);
		const [a, b, c] = await learners(3);
		for (const [i, id] of [a, b, c].entries()) await askForPlace(db, id, training, 1000 + i);
		await withdrawPlace(db, a, training, 5000);
		expect(await answerOffer(db, b, training, true, 5000 + OFFER_MS + 1)).toEqual({
			ok: false,
			error: 'lapsed'
		});
		expect((await learnerPlace(db, c, training, 5000 + OFFER_MS + 2))?.state).toBe('offered');
		expect(await answerOffer(db, c, training, true, 5000 + OFFER_MS + 3)).toEqual({
			ok: true,
			offered: []
		});
		expect((await states(training)).map((p) => [p.user_id, p.state])).toEqual([
			[a, 'withdrawn'],
			[b, 'declined'],
			[c, 'holding']
		]);
	});

	it('refuses trainings not open to learners, past their closing day, and accounts that are not learners', async () => {
		const training = await openTraining(db, member, admin, 3, { closesOn: '2026-01-10' });
		const [a] = await learners(1);
		expect(await askForPlace(db, a, training, Date.parse('2026-01-11T00:00:00Z'))).toEqual({
			ok: false,
			error: 'no_training'
		});
		expect(await askForPlace(db, member, training, Date.parse('2026-01-09T00:00:00Z'))).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		await moveTraining(db, member, training, 'close');
		expect(await askForPlace(db, a, training, Date.parse('2026-01-09T00:00:00Z'))).toEqual({
			ok: false,
			error: 'no_training'
		});
	});

	it('50 learners asking at once for 12 places: exactly 12 hold one, the others wait in the order they asked', async () => {
		const training = await openTraining(db, member, admin, 12);
		const many = await learners(50, 'many');
		const answers = await Promise.all(many.map((id, i) => askForPlace(db, id, training, 1000 + i)));
		expect(answers.every((a) => a.ok)).toBe(true);
		const rows = await states(training);
		expect(rows).toHaveLength(50);
		expect(rows.filter((r) => r.state === 'holding')).toHaveLength(12);
		// Which 12 hold a place is whose ask ran first: on SQLite the order of the calls, on
		// PostgreSQL the order the asks, running side by side, took the writer's lock. Every
		// learner is in exactly one row, and the waitlist is the order of asking (`asked_at`, the
		// time each ask carried), each learner told their own turn.
		expect(rows.map((r) => r.user_id).sort()).toEqual([...many].sort());
		const holding = rows.filter((r) => r.state === 'holding').map((r) => r.user_id);
		const waiting = rows.filter((r) => r.state === 'waiting').map((r) => r.user_id);
		expect(waiting).toHaveLength(38);
		expect(waiting).toEqual(many.filter((id) => waiting.includes(id)));
		for (const [i, id] of waiting.entries())
			expect((await learnerPlace(db, id, training))?.position).toBe(i + 1);
		// 12 withdrawals at once: 12 offers, to the next 12 in line, no more.
		const out = await Promise.all(holding.map((id) => withdrawPlace(db, id, training, 9000)));
		expect(out.flatMap((o) => (o.ok ? o.offered : [])).sort()).toEqual(waiting.slice(0, 12).sort());
		expect(await placesLeft(db, training, 9001)).toEqual({ seats: 12, left: 0 });
	});

	it('a deleted account frees its place, which is offered to the next', async () => {
		const training = await openTraining(db, member, admin, 1);
		const [a, b] = await learners(2);
		await askForPlace(db, a, training, 1000);
		await askForPlace(db, b, training, 2000);
		expect(await eraseAccounts(db, [a], 3000)).toBe(1);
		expect((await states(training)).map((p) => [p.user_id, p.state])).toEqual([[b, 'offered']]);
	});

	it('the daily sweep empties where a training met once it has ended, and passes on lapsed offers', async () => {
		const training = await openTraining(db, member, admin, 1, {
			closesOn: '2026-03-01',
			sessions: [
				{ startsAt: '2026-03-02T09:00', endsAt: '2026-03-02T12:00' },
				{ startsAt: '2026-03-03T09:00', endsAt: '2026-03-03T12:00' }
			]
		});
		const [a, b] = await learners(2);
		const before = Date.parse('2026-02-20T00:00:00Z');
		await askForPlace(db, a, training, before);
		await askForPlace(db, b, training, before + 1);
		await withdrawPlace(db, a, training, before + 2);
		const point = () =>
			db
				.selectFrom('training')
				.select('meeting_point')
				.where('id', '=', training)
				.executeTakeFirstOrThrow();
		// On the last session's day it is still there; b's offer has lapsed and nobody else waits.
		expect(await sweep(db, Date.parse('2026-03-03T20:00:00Z'))).toMatchObject({
			meetingPoints: 0,
			offers: 1
		});
		expect((await point()).meeting_point).toBe('The community hall behind the market');
		expect(await sweep(db, Date.parse('2026-03-04T00:30:00Z'))).toMatchObject({
			meetingPoints: 1,
			offers: 0
		});
		expect((await point()).meeting_point).toBe('');
	});
});
