/**
 * Private requests for help (src/lib/server/services/requests.ts, referrals.ts, counts.ts): only
 * the organization asked sees a request, by its own pseudonym; the learner closes it any time;
 * news on both sides; a referral moves nothing without the learner's consent and then only the
 * agreed words; administrators see counts; closed requests go after the retention.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { eraseAccounts } from '$lib/server/accounts/erase';
import type { Db } from '$lib/server/db';
import {
	askForHelp,
	forgetClosedRequests,
	learnerClosesHelp,
	learnerHelpNews,
	learnerRequest,
	learnerRequests,
	learnerWritesHelp,
	orgHelpNews,
	orgRequest,
	orgRequests,
	orgWritesHelp,
	setRequestStatus
} from '$lib/server/services/requests';
import {
	decideReferral,
	proposeReferral,
	referralsOf,
	referralTargets
} from '$lib/server/services/referrals';
import { helpCounts } from '$lib/server/services/counts';
import { requestProfile, shareProfileForRequest } from '$lib/server/services/profile-sharing';
import { saveProfileDetails } from '$lib/server/skills/profile';
import { loadExampleServices, readExampleServices } from '$lib/server/services/example';
import { directory } from '$lib/server/services/directory';
import { pseudonym } from '$lib/server/matching/candidates';
import { viewsOfLearner } from '$lib/server/audit/trail';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { listedService } from '../helpers/services';

let db: Db;
eachTestDb((made) => (db = made));

const DAY = 24 * 60 * 60 * 1000;
let admin: string;
let clinic: string;
let legal: string;
let learner: string;
let counselling: string;
let papers: string;
const orgOf = async (memberId: string) =>
	(
		await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', memberId)
			.executeTakeFirstOrThrow()
	).org_id;

beforeEach(async () => {
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
	clinic = (await vettedOrgMember(db, 'clinic')).userId;
	legal = (await vettedOrgMember(db, 'legal')).userId;
	learner = (await account(db, 'thura', 'learner')).userId;
	counselling = await listedService(db, clinic, admin);
	papers = await listedService(db, legal, admin, { kind: 'legal', nameEn: 'Papers' });
});

async function ask(message = 'I cannot sleep since I left', now = Date.now()) {
	const asked = await askForHelp(
		db,
		learner,
		counselling,
		{ kind: 'counselling', urgency: 'today', message },
		now
	);
	if (!asked.ok) throw new Error(asked.error);
	return asked.id;
}

describe('asking privately', () => {
	it('reaches only the organization asked, which sees its own pseudonym for the learner, never the name', async () => {
		const id = await ask();
		const seen = await orgRequest(db, clinic, id);
		expect(seen).toMatchObject({
			pseudonym: pseudonym(await orgOf(clinic), learner),
			status: 'open',
			urgency: 'today',
			messages: [expect.objectContaining({ by: 'learner', body: 'I cannot sleep since I left' })]
		});
		expect(JSON.stringify(seen)).not.toContain('thura');
		expect(JSON.stringify(await orgRequests(db, clinic))).not.toContain('thura');
		// Another organization: nothing, and it can neither write nor move it.
		expect(await orgRequest(db, legal, id)).toBeNull();
		expect(await orgRequests(db, legal)).toEqual([]);
		expect(await orgWritesHelp(db, legal, id, 'hello')).toEqual({ ok: false, error: 'no_request' });
		expect(await setRequestStatus(db, legal, id, 'closed')).toEqual({
			ok: false,
			error: 'no_request'
		});
		expect(await orgHelpNews(db, legal)).toBe(0);
		// Another learner: nothing either.
		const other = (await account(db, 'other', 'learner')).userId;
		expect(await learnerRequest(db, other, id)).toBeNull();
		expect(await learnerWritesHelp(db, other, id, 'x')).toEqual({
			ok: false,
			error: 'no_request'
		});
	});

	it('is recorded in the learner\'s "who saw me" when the organization opens it', async () => {
		const id = await ask();
		await orgRequest(db, clinic, id);
		expect((await viewsOfLearner(db, learner))[0]).toMatchObject({
			org: 'clinic org',
			seen: ['help_request']
		});
	});

	it('is for learners and listed, real services only', async () => {
		expect(
			await askForHelp(db, clinic, counselling, {
				kind: 'counselling',
				urgency: 'today',
				message: 'x'
			})
		).toEqual({ ok: false, error: 'not_learner' });
		await loadExampleServices(db, readExampleServices());
		const example = (await directory(db)).services.find((s) => s.example)!;
		expect(
			await askForHelp(db, learner, example.id, {
				kind: 'counselling',
				urgency: 'today',
				message: 'x'
			})
		).toEqual({ ok: false, error: 'no_service' });
	});

	it('brings news to each side until it looks', async () => {
		const t = Date.now();
		const id = await ask('help', t);
		expect(await orgHelpNews(db, clinic)).toBe(1);
		await orgRequest(db, clinic, id, t + 1);
		expect(await orgHelpNews(db, clinic)).toBe(0);
		expect(await learnerHelpNews(db, learner)).toBe(0);
		await orgWritesHelp(db, clinic, id, 'We can talk on Tuesday', t + 2);
		expect(await learnerHelpNews(db, learner)).toBe(1);
		expect((await learnerRequests(db, learner))[0].news).toBe(true);
		await learnerRequest(db, learner, id, t + 3);
		expect(await learnerHelpNews(db, learner)).toBe(0);
		await setRequestStatus(db, clinic, id, 'in_progress', t + 4);
		expect(await learnerHelpNews(db, learner)).toBe(1);
	});

	it('can be closed by the learner at any time, and then nobody writes in it', async () => {
		const id = await ask();
		await setRequestStatus(db, clinic, id, 'in_progress');
		expect(await learnerClosesHelp(db, learner, id)).toEqual({ ok: true });
		expect((await learnerRequest(db, learner, id))?.status).toBe('closed');
		expect(await learnerWritesHelp(db, learner, id, 'x')).toEqual({ ok: false, error: 'closed' });
		expect(await orgWritesHelp(db, clinic, id, 'x')).toEqual({ ok: false, error: 'closed' });
		expect(await setRequestStatus(db, clinic, id, 'open')).toEqual({ ok: false, error: 'closed' });
		expect(await learnerClosesHelp(db, learner, id)).toEqual({ ok: false, error: 'closed' });
	});
});

describe('passing a person on', () => {
	it("moves nothing until the learner agrees, then exactly the agreed words, under the other organization's own pseudonym", async () => {
		const id = await ask('I cannot sleep since I left');
		await learnerWritesHelp(db, learner, id, 'And I have no papers');
		await orgWritesHelp(db, clinic, id, 'Our legal friends can help');
		const thread = (await orgRequest(db, clinic, id))!.messages;
		const said = (body: string) => thread.find((m) => m.body === body)!;
		const first = said('I cannot sleep since I left');
		const second = said('And I have no papers');
		const ours = said('Our legal friends can help');
		expect((await referralTargets(db, counselling)).map((t) => t.id)).toEqual([papers]);
		// The organization's own words are not the learner's to pass on.
		expect(await proposeReferral(db, clinic, id, papers, [ours.id])).toEqual({
			ok: false,
			error: 'no_messages'
		});
		expect(await proposeReferral(db, clinic, id, counselling, [second.id])).toEqual({
			ok: false,
			error: 'no_service'
		});
		expect(await proposeReferral(db, legal, id, papers, [second.id])).toEqual({
			ok: false,
			error: 'no_request'
		});
		const proposed = await proposeReferral(db, clinic, id, papers, [second.id]);
		if (!proposed.ok) throw new Error(proposed.error);
		expect(await proposeReferral(db, clinic, id, papers, [first.id])).toEqual({
			ok: false,
			error: 'pending'
		});
		// The learner sees which organization and which words; the other organization, nothing yet.
		expect(await referralsOf(db, id)).toEqual([
			expect.objectContaining({
				state: 'proposed',
				to: expect.objectContaining({ id: papers, org: 'legal org' }),
				words: ['And I have no papers']
			})
		]);
		expect(await orgRequests(db, legal)).toEqual([]);
		expect(await decideReferral(db, clinic, proposed.id, true)).toEqual({
			ok: false,
			error: 'no_referral'
		});

		const agreed = await decideReferral(db, learner, proposed.id, true);
		if (!agreed.ok || !agreed.requestId) throw new Error('not agreed');
		const atLegal = await orgRequests(db, legal);
		expect(atLegal).toEqual([
			expect.objectContaining({
				id: agreed.requestId,
				referred: true,
				kind: 'legal',
				pseudonym: pseudonym(await orgOf(legal), learner)
			})
		]);
		expect(atLegal[0].pseudonym).not.toBe(pseudonym(await orgOf(clinic), learner));
		const seen = (await orgRequest(db, legal, agreed.requestId))!;
		expect(seen.messages.map((m) => [m.by, m.body])).toEqual([['learner', 'And I have no papers']]);
		expect(JSON.stringify(seen)).not.toContain('sleep');
		expect(JSON.stringify(seen)).not.toContain('legal friends');
		// The first organization still cannot read the new request.
		expect(await orgRequest(db, clinic, agreed.requestId)).toBeNull();
		expect(await decideReferral(db, learner, proposed.id, false)).toEqual({
			ok: false,
			error: 'no_referral'
		});
	});

	it('declined, moves nothing at all', async () => {
		const id = await ask('Please help');
		const [message] = (await learnerRequest(db, learner, id))!.messages;
		const proposed = await proposeReferral(db, clinic, id, papers, [message.id]);
		if (!proposed.ok) throw new Error(proposed.error);
		expect(await decideReferral(db, learner, proposed.id, false)).toEqual({
			ok: true,
			requestId: null
		});
		expect(await orgRequests(db, legal)).toEqual([]);
		expect((await referralsOf(db, id))[0].state).toBe('declined');
	});

	it('lapses when the request is closed first', async () => {
		const id = await ask('Please help');
		const [message] = (await learnerRequest(db, learner, id))!.messages;
		const proposed = await proposeReferral(db, clinic, id, papers, [message.id]);
		if (!proposed.ok) throw new Error(proposed.error);
		await learnerClosesHelp(db, learner, id);
		expect(await decideReferral(db, learner, proposed.id, true)).toEqual({
			ok: false,
			error: 'no_referral'
		});
		expect(await orgRequests(db, legal)).toEqual([]);
	});
});

describe('what administrators see', () => {
	it('is counts only: no learner, no organization, no words', async () => {
		const id = await ask('my secret words');
		await ask('more words');
		await setRequestStatus(db, clinic, id, 'closed');
		const counts = await helpCounts(db);
		expect(counts).toEqual({
			byStatus: { open: 1, in_progress: 0, closed: 1 },
			referrals: { proposed: 0, agreed: 0, declined: 0 }
		});
		expect(JSON.stringify(counts)).not.toMatch(/secret|thura|clinic|[a-z0-9]{16}/);
	});
});

describe('keeping', () => {
	it('deletes a request and its thread the set number of days after it was closed, never an open one', async () => {
		const t = Date.parse('2026-01-01T00:00:00Z');
		const old = await ask('old', t);
		await setRequestStatus(db, clinic, old, 'closed', t);
		const recent = await ask('recent', t);
		await learnerClosesHelp(db, learner, recent, t + 10 * DAY);
		const open = await ask('open', t);
		expect(await forgetClosedRequests(db, t + 90 * DAY - 1, 90)).toBe(0);
		expect(await forgetClosedRequests(db, t + 90 * DAY, 90)).toBe(1);
		const left = await db.selectFrom('help_request').select('id').orderBy('id').execute();
		expect(left.map((r) => r.id).sort()).toEqual([recent, open].sort());
		expect(
			await db.selectFrom('help_message').select('body').where('request_id', '=', old).execute()
		).toEqual([]);
	});

	it("goes with the learner's account", async () => {
		const id = await ask('gone with me');
		await eraseAccounts(db, [learner]);
		expect(await db.selectFrom('help_request').selectAll().execute()).toEqual([]);
		expect(
			await db.selectFrom('help_message').selectAll().where('request_id', '=', id).execute()
		).toEqual([]);
	});
});

describe('a referral to a service no longer listed', () => {
	it('is refused when agreed, and changes nothing', async () => {
		const id = await ask('Please help');
		const [message] = (await learnerRequest(db, learner, id))!.messages;
		const proposed = await proposeReferral(db, clinic, id, papers, [message.id]);
		if (!proposed.ok) throw new Error(proposed.error);
		await db.updateTable('service').set({ status: 'closed' }).where('id', '=', papers).execute();
		expect(await decideReferral(db, learner, proposed.id, true)).toEqual({
			ok: false,
			error: 'no_service'
		});
		expect((await referralsOf(db, id))[0].state).toBe('proposed');
		expect(await orgRequests(db, legal)).toEqual([]);
	});

	it("show the organization asked the learner's profile only while the learner chooses to, each view in who saw me", async () => {
		const saved = await saveProfileDetails(db, learner, {
			area: 'mae_sot',
			// Visible to every vetted organization for jobs: still never shown for a request unless shared.
			visibility: 'vetted',
			remote: false,
			availability: [],
			interests: []
		});
		if (!saved.ok) throw new Error(saved.error);
		const id = await ask();
		expect(await requestProfile(db, clinic, id, 'en')).toEqual({ shown: false, why: 'hidden' });
		// Another organization, or another learner, can do nothing with it.
		expect(await requestProfile(db, legal, id, 'en')).toBeNull();
		const other = (await account(db, 'other', 'learner')).userId;
		expect(await shareProfileForRequest(db, other, id, true)).toEqual({
			ok: false,
			error: 'no_request'
		});
		expect(await requestProfile(db, clinic, id, 'en')).toEqual({ shown: false, why: 'hidden' });
		const before = (await viewsOfLearner(db, learner)).flatMap((v) => v.seen);
		expect(before).not.toContain('profile');

		expect(await shareProfileForRequest(db, learner, id, true, 5000)).toEqual({ ok: true });
		expect((await learnerRequest(db, learner, id))?.profileShared).toBe(true);
		const shown = await requestProfile(db, clinic, id, 'en');
		expect(shown).toMatchObject({ shown: true, profile: { area: 'mae_sot' } });
		expect((await viewsOfLearner(db, learner)).flatMap((v) => v.seen)).toContain('profile');

		expect(await shareProfileForRequest(db, learner, id, false)).toEqual({ ok: true });
		expect(await requestProfile(db, clinic, id, 'en')).toEqual({ shown: false, why: 'hidden' });
		// Closed: it can no longer be shown.
		expect((await learnerClosesHelp(db, learner, id)).ok).toBe(true);
		expect(await shareProfileForRequest(db, learner, id, true)).toEqual({
			ok: false,
			error: 'closed'
		});
	});
});
