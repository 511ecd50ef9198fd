/**
 * Trainings as learners read them (src/lib/server/trainings/listing.ts): only open trainings
 * of vetted organizations, a spouse's and a former soldier's first and in their area, the places
 * left counted as places.ts counts them, and where it meets only for those holding a place.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { setBackground } from '$lib/server/accounts/settings';
import type { Db } from '$lib/server/db';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { saveProfileDetails } from '$lib/server/skills/profile';
import { moveTraining } from '$lib/server/trainings/editing';
import { askForPlace, OFFER_MS, placesLeft, withdrawPlace } from '$lib/server/trainings/places';
import { trainingForLearner, trainingsForLearner } from '$lib/server/trainings/listing';
import type { Background } from '$lib/server/schema';
import type { OrgArea } from '$lib/vocab/areas';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openTraining } from '../helpers/trainings';
import { createTraining } from '$lib/server/trainings/editing';
import { trainingInput } from '../helpers/trainings';

let db: Db;
eachTestDb((made) => (db = made), { taxonomy: true });

let member: string;
let admin: string;
beforeEach(async () => {
	member = (await vettedOrgMember(db, 'sewing')).userId;
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
});

let count = 0;
async function learner(background: Background | null, area?: OrgArea) {
	const { userId } = await account(db, `learner${count++}`, 'learner');
	if (background) await setBackground(db, userId, background);
	if (area) {
		const saved = await saveProfileDetails(db, userId, {
			area,
			visibility: 'hidden',
			remote: false,
			availability: [],
			interests: []
		});
		if (!saved.ok) throw new Error(saved.error);
	}
	return { id: userId, background };
}

const titles = async (who: { id: string; background: Background | null }, now?: number) =>
	(await trainingsForLearner(db, who, 'en', now)).open.map((t) => t.title);

describe('the open trainings a learner sees', () => {
	it("puts a spouse's trainings first, then her area's; a former soldier's first for him", async () => {
		const made = [
			['Soldiers, Mae Sot', 'former_soldiers', 'mae_sot', '2099-01-01T09:00'],
			['Families, India border', 'families', 'india_border', '2099-01-02T09:00'],
			['Everyone, Mae Sot', 'everyone', 'mae_sot', '2099-01-03T09:00'],
			['Families, Mae Sot', 'families', 'mae_sot', '2099-01-04T09:00']
		] as const;
		for (const [titleEn, audience, area, startsAt] of made)
			await openTraining(db, member, admin, 2, {
				titleEn,
				audience,
				area,
				sessions: [{ startsAt, endsAt: startsAt.replace('09:00', '12:00') }]
			});
		const spouse = await learner('family', 'mae_sot');
		expect(await titles(spouse)).toEqual([
			'Everyone, Mae Sot',
			'Families, Mae Sot',
			'Families, India border',
			'Soldiers, Mae Sot'
		]);
		const soldier = await learner('former_soldier', 'india_border');
		expect(await titles(soldier)).toEqual([
			'Soldiers, Mae Sot',
			'Everyone, Mae Sot',
			'Families, India border',
			'Families, Mae Sot'
		]);
		// No area said: the audience, then the soonest.
		const unsaid = await learner(null);
		expect(await titles(unsaid)).toEqual([
			'Soldiers, Mae Sot',
			'Everyone, Mae Sot',
			'Families, India border',
			'Families, Mae Sot'
		]);
	});

	it('gives each its title in the learner’s language, organization, first session, provisions and places left', async () => {
		const sewing = await openTraining(db, member, admin, 2, {
			sessions: [
				{ startsAt: '2099-01-06T09:00', endsAt: '2099-01-06T12:00' },
				{ startsAt: '2099-01-05T13:00', endsAt: '2099-01-05T16:00' }
			]
		});
		const [a, b] = [await learner('family'), await learner('family')];
		const reader = await learner('family');
		expect(await askForPlace(db, a.id, sewing)).toMatchObject({ ok: true, state: 'holding' });
		const my = await trainingsForLearner(db, reader, 'my');
		expect(my.open).toEqual([
			{
				id: sewing,
				title: 'အပ်ချုပ် သင်တန်း',
				org: 'sewing org',
				area: 'mae_sot',
				audience: 'families',
				firstSession: '2099-01-05T13:00',
				provided: ['materials', 'childcare'],
				seats: 2,
				left: 1,
				example: false
			}
		]);
		expect(await askForPlace(db, b.id, sewing)).toMatchObject({ ok: true, state: 'holding' });
		expect((await trainingsForLearner(db, reader, 'en')).open[0]).toMatchObject({
			title: 'Sewing',
			left: 0
		});
	});

	it('counts an offered place as taken until it lapses, as places.ts does', async () => {
		const sewing = await openTraining(db, member, admin, 1);
		const [a, b] = [await learner('family'), await learner('family')];
		const reader = await learner('family');
		await askForPlace(db, a.id, sewing, 1000);
		await askForPlace(db, b.id, sewing, 2000);
		await withdrawPlace(db, a.id, sewing, 3000);
		const leftAt = async (now: number) =>
			(await trainingsForLearner(db, reader, 'en', now)).open[0].left;
		expect(await leftAt(4000)).toBe(0);
		expect(await placesLeft(db, sewing, 4000)).toEqual({ seats: 1, left: 0 });
		expect(await leftAt(3000 + OFFER_MS + 1)).toBe(1);
		expect(await placesLeft(db, sewing, 3000 + OFFER_MS + 1)).toEqual({ seats: 1, left: 1 });
	});

	it('never shows a draft, a closed training, one past its closing day, or one of an organization no longer vetted', async () => {
		const reader = await learner('family');
		const draft = await createTraining(db, member, trainingInput(2, { titleEn: 'Draft' }));
		if (!draft.ok) throw new Error(draft.error);
		const closed = await openTraining(db, member, admin, 2, { titleEn: 'Closed' });
		expect((await moveTraining(db, member, closed, 'close')).ok).toBe(true);
		await openTraining(db, member, admin, 2, { titleEn: 'Past', closesOn: '2026-01-10' });
		await openTraining(db, member, admin, 2, { titleEn: 'Open' });
		expect(await titles(reader, Date.parse('2026-01-11T00:00:00Z'))).toEqual(['Open']);
		for (const id of [draft.id, closed])
			expect(await trainingForLearner(db, reader.id, id, 'en')).toBeNull();

		const other = await vettedOrgMember(db, 'cooking');
		const cooking = await openTraining(db, other.userId, admin, 2, { titleEn: 'Cooking' });
		expect(await titles(reader, Date.parse('2026-01-11T00:00:00Z'))).toContain('Cooking');
		const org = await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', other.userId)
			.executeTakeFirstOrThrow();
		expect((await decideOrganization(db, admin, org.org_id, 'suspend', '')).ok).toBe(true);
		expect(await titles(reader, Date.parse('2026-01-11T00:00:00Z'))).toEqual(['Open']);
		expect(await trainingForLearner(db, reader.id, cooking, 'en')).toBeNull();
	});

	it("lists the learner's own trainings with their state and turn, and not again among the open ones", async () => {
		const sewing = await openTraining(db, member, admin, 1, { titleEn: 'Sewing' });
		const cooking = await openTraining(db, member, admin, 1, { titleEn: 'Cooking' });
		await openTraining(db, member, admin, 1, { titleEn: 'Baking' });
		const [a, b] = [await learner('family'), await learner('family')];
		await askForPlace(db, a.id, sewing, 1000);
		await askForPlace(db, b.id, sewing, 2000);
		await askForPlace(db, b.id, cooking, 3000);
		await withdrawPlace(db, b.id, cooking, 4000);
		const seen = await trainingsForLearner(db, b, 'en', 5000);
		expect(seen.mine).toEqual([
			{
				id: sewing,
				title: 'Sewing',
				org: 'sewing org',
				place: { state: 'waiting', position: 1, offeredUntil: null }
			},
			{
				id: cooking,
				title: 'Cooking',
				org: 'sewing org',
				place: { state: 'withdrawn', position: null, offeredUntil: null }
			}
		]);
		expect(seen.open.map((t) => t.title)).toEqual(['Baking']);
	});
});

describe('one training for a learner', () => {
	it('has everything, and where it meets only for a learner holding a place', async () => {
		const sewing = await openTraining(db, member, admin, 1, {
			skills: [{ id: 'first_aid', level: 2 }]
		});
		const [a, b, c] = [await learner('family'), await learner('family'), await learner(null)];
		await askForPlace(db, a.id, sewing, 1000);
		await askForPlace(db, b.id, sewing, 2000);
		const ofA = await trainingForLearner(db, a.id, sewing, 'en', 3000);
		expect(ofA).toMatchObject({
			full: true,
			title: 'Sewing',
			description: 'Two days of sewing by machine.',
			org: 'sewing org',
			seats: 1,
			left: 0,
			sessions: [
				{ startsAt: '2099-01-05T09:00', endsAt: '2099-01-05T12:00' },
				{ startsAt: '2099-01-06T09:00', endsAt: '2099-01-06T12:00' }
			],
			provided: ['materials', 'childcare'],
			skills: [{ name: expect.any(String), level: 2 }],
			place: { state: 'holding', position: null, offeredUntil: null },
			canAsk: false,
			meetingPoint: 'The community hall behind the market'
		});
		const ofB = await trainingForLearner(db, b.id, sewing, 'en', 3000);
		expect(ofB).toMatchObject({ place: { state: 'waiting', position: 1 }, canAsk: false });
		const ofC = await trainingForLearner(db, c.id, sewing, 'en', 3000);
		expect(ofC).toMatchObject({ place: null, canAsk: true });
		for (const other of [ofB, ofC]) {
			expect(other).not.toHaveProperty('meetingPoint');
			expect(JSON.stringify(other)).not.toContain('community hall');
		}
		// Withdrawn, the meeting point is gone from A's answer; offered, B still does not see it.
		await withdrawPlace(db, a.id, sewing, 4000);
		for (const who of [a, b])
			expect(
				JSON.stringify(await trainingForLearner(db, who.id, sewing, 'en', 5000))
			).not.toContain('community hall');
	});

	it('after requests close: in full for those still in it, the title and state for one who left, nothing for others', async () => {
		const sewing = await openTraining(db, member, admin, 1);
		const [a, b, c] = [await learner('family'), await learner('family'), await learner('family')];
		await askForPlace(db, a.id, sewing, 1000);
		await askForPlace(db, b.id, sewing, 2000);
		await withdrawPlace(db, b.id, sewing, 3000);
		expect((await moveTraining(db, member, sewing, 'close')).ok).toBe(true);
		expect(await trainingForLearner(db, a.id, sewing, 'en')).toMatchObject({
			full: true,
			canAsk: false,
			meetingPoint: 'The community hall behind the market'
		});
		expect(await trainingForLearner(db, b.id, sewing, 'en')).toEqual({
			full: false,
			id: sewing,
			title: 'Sewing',
			org: 'sewing org',
			place: { state: 'withdrawn', position: null, offeredUntil: null }
		});
		expect(await trainingForLearner(db, c.id, sewing, 'en')).toBeNull();
		expect(await trainingForLearner(db, c.id, 'nosuchtraining', 'en')).toBeNull();
	});
});
