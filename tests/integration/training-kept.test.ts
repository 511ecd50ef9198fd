/**
 * What a learner's phone may keep of their trainings (src/lib/server/trainings/kept.ts, served
 * at /api/trainings/kept): their own held places only, where they meet included, until the
 * training ends; never someone else's, never a place they wait for or gave up, never an
 * organization's no longer vetted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { askForPlace, withdrawPlace } from '$lib/server/trainings/places';
import { keptTrainings } from '$lib/server/trainings/kept';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openTraining } from '../helpers/trainings';

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

const NOW = Date.parse('2099-01-01T08:00:00Z');
let count = 0;
const learner = async () => (await account(db, `keeper${count++}`, 'learner')).userId;

describe('the trainings a phone may keep', () => {
	it("are the learner's held places, with sessions, provisions and where they meet", async () => {
		const sewing = await openTraining(db, member, admin, 1, { titleEn: 'Sewing' });
		const [a, b] = [await learner(), await learner()];
		await askForPlace(db, a, sewing, NOW);
		await askForPlace(db, b, sewing, NOW + 1);
		expect(await keptTrainings(db, a, NOW)).toEqual([
			{
				id: sewing,
				title: { my: 'အပ်ချုပ် သင်တန်း', en: 'Sewing' },
				org: expect.any(String),
				sessions: [
					{ startsAt: '2099-01-05T09:00', endsAt: '2099-01-05T12:00' },
					{ startsAt: '2099-01-06T09:00', endsAt: '2099-01-06T12:00' }
				],
				provided: ['materials', 'childcare'],
				meetingPoint: 'The community hall behind the market'
			}
		]);
		// B waits in line: nothing to keep, and nothing of A's.
		expect(await keptTrainings(db, b, NOW)).toEqual([]);
		// A gives the place up: it leaves A's answer, and B, offered it, still has nothing until accepting.
		await withdrawPlace(db, a, sewing, NOW + 2);
		expect(await keptTrainings(db, a, NOW + 3)).toEqual([]);
		expect(await keptTrainings(db, b, NOW + 3)).toEqual([]);
	});

	it('drop a training the day after its last session, and an organization no longer vetted', async () => {
		const sewing = await openTraining(db, member, admin, 2, { titleEn: 'Sewing' });
		const other = await vettedOrgMember(db, 'cooking');
		const cooking = await openTraining(db, other.userId, admin, 2, { titleEn: 'Cooking' });
		const a = await learner();
		await askForPlace(db, a, sewing, NOW);
		await askForPlace(db, a, cooking, NOW);
		const ids = async (now: number) => (await keptTrainings(db, a, now)).map((t) => t.id).sort();
		expect(await ids(NOW)).toEqual([sewing, cooking].sort());
		// The last session is on 2099-01-06: still kept that day, gone the next.
		expect(await ids(Date.parse('2099-01-06T20:00:00Z'))).toEqual([sewing, cooking].sort());
		expect(await ids(Date.parse('2099-01-07T00:30:00Z'))).toEqual([]);

		const org = await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', other.userId)
			.executeTakeFirstOrThrow();
		expect((await decideOrganization(db, admin, org.org_id, 'suspend', '')).ok).toBe(true);
		expect(await ids(NOW)).toEqual([sewing]);
	});
});
