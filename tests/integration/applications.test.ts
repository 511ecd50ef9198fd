/** Applications: the state machine, status history both sides see, and organizations kept apart. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import {
	applyToRole,
	decideApplication,
	endorseSkill,
	withdrawApplication
} from '$lib/server/applications/lifecycle';
import { getMyApplication, listMyApplications } from '$lib/server/applications/learner';
import { getOrgApplication, listRoleApplications } from '$lib/server/applications/organization';
import { postMessage, readThread } from '$lib/server/applications/messages';
import { getProfile } from '$lib/server/skills/profile';
import { changeThread } from '$lib/server/applications/thread';
import { learnerNews } from '$lib/server/applications/news';
import { createRole, moveRole } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { roleInput } from '../helpers/roles';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
});
afterEach(() => cleanup());

async function openRole(
	memberId: string,
	title = 'Clinic volunteer',
	skills: Parameters<typeof roleInput>[1] = []
) {
	const admin = await createAdministrator(
		db,
		`admin${title.length}${Math.random().toString(36).slice(2, 6)}`
	);
	if (!admin.ok) throw new Error(admin.error);
	const created = await createRole(db, memberId, roleInput(title, skills));
	if (!created.ok) throw new Error(created.error);
	await moveRole(db, memberId, created.id, 'submit');
	await reviewRole(db, admin.userId, created.id, 'approve', '');
	await moveRole(db, memberId, created.id, 'open');
	return created.id;
}

describe('an application', () => {
	it('goes applied → shortlisted → accepted, each move in a history both sides see', async () => {
		const org = await vettedOrgMember(db, 'hirer');
		const roleId = await openRole(org.userId);
		const learner = await account(db, 'applicant', 'learner');
		const applied = await applyToRole(
			db,
			learner.userId,
			roleId,
			'I was a medic for six years',
			1000
		);
		if (!applied.ok) throw new Error(applied.error);
		expect(await applyToRole(db, learner.userId, roleId, 'again')).toEqual({
			ok: false,
			error: 'already_applied'
		});

		expect(await decideApplication(db, org.userId, applied.id, 'shortlist', '', 2000)).toEqual({
			ok: true
		});
		expect(await decideApplication(db, org.userId, applied.id, 'shortlist', '')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect(
			await decideApplication(db, org.userId, applied.id, 'accept', 'Welcome: come on Monday', 3000)
		).toEqual({ ok: true });
		expect(await withdrawApplication(db, learner.userId, applied.id)).toEqual({
			ok: false,
			error: 'not_allowed'
		});

		const mine = await getMyApplication(db, learner.userId, applied.id, 'en');
		expect(mine).toMatchObject({
			status: 'accepted',
			role: 'Clinic volunteer',
			message: 'I was a medic for six years',
			canWithdraw: false
		});
		expect(mine?.history).toEqual([
			{ status: 'applied', by: 'learner', note: '', at: 1000 },
			{ status: 'shortlisted', by: 'organization', note: '', at: 2000 },
			{ status: 'accepted', by: 'organization', note: 'Welcome: come on Monday', at: 3000 }
		]);
		const theirs = await getOrgApplication(db, org.userId, applied.id, 'en');
		expect(theirs?.history).toEqual(mine?.history);
		expect(theirs?.decisions).toEqual([]);
		// The organization knows the applicant by a pseudonym, never the account name.
		expect(JSON.stringify(theirs)).not.toContain('applicant');
		expect(JSON.stringify(await listRoleApplications(db, org.userId, roleId))).not.toContain(
			'applicant'
		);
	});

	it('can be withdrawn while undecided; is only for open roles and learners; org A never sees org B’s applicants', async () => {
		const a = await vettedOrgMember(db, 'orgaa');
		const b = await vettedOrgMember(db, 'orgbb');
		const roleId = await openRole(a.userId);
		const learner = await account(db, 'changedmind', 'learner');
		const applied = await applyToRole(db, learner.userId, roleId, '');
		if (!applied.ok) throw new Error(applied.error);
		expect(await getOrgApplication(db, b.userId, applied.id, 'en')).toBeNull();
		expect(await listRoleApplications(db, b.userId, roleId)).toBeNull();
		expect(await decideApplication(db, b.userId, applied.id, 'decline', '')).toEqual({
			ok: false,
			error: 'no_application'
		});
		expect(
			await getMyApplication(db, (await account(db, 'nosy', 'learner')).userId, applied.id, 'en')
		).toBeNull();
		expect(await withdrawApplication(db, learner.userId, applied.id)).toEqual({ ok: true });
		expect((await listMyApplications(db, learner.userId, 'en'))[0].status).toBe('withdrawn');
		expect(await decideApplication(db, a.userId, applied.id, 'accept', '')).toEqual({
			ok: false,
			error: 'not_allowed'
		});

		// Not open (a draft), or not a learner: refused.
		const draft = await createRole(db, a.userId, roleInput('Draft'));
		if (!draft.ok) throw new Error(draft.error);
		expect(await applyToRole(db, learner.userId, draft.id, '')).toEqual({
			ok: false,
			error: 'no_role'
		});
		expect(await applyToRole(db, b.userId, roleId, '')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
	});

	it('has a text thread only the learner and the organization can read and write, closed once withdrawn', async () => {
		const a = await vettedOrgMember(db, 'threada');
		const b = await vettedOrgMember(db, 'threadb');
		const roleId = await openRole(a.userId);
		const learner = await account(db, 'talker', 'learner');
		const applied = await applyToRole(db, learner.userId, roleId, '');
		if (!applied.ok) throw new Error(applied.error);
		expect(await postMessage(db, a.userId, applied.id, 'When can you start?', 10)).toEqual({
			ok: true
		});
		expect(await postMessage(db, learner.userId, applied.id, 'Next week.', 20)).toEqual({
			ok: true
		});
		const expected = [
			{ by: 'organization', body: 'When can you start?', at: 10 },
			{ by: 'learner', body: 'Next week.', at: 20 }
		];
		expect(await readThread(db, learner.userId, applied.id)).toEqual(expected);
		expect(await readThread(db, a.userId, applied.id)).toEqual(expected);
		// Another organization, or another learner, can neither read nor write.
		const other = await account(db, 'eavesdropper', 'learner');
		expect(await readThread(db, b.userId, applied.id)).toBeNull();
		expect(await readThread(db, other.userId, applied.id)).toBeNull();
		expect(await postMessage(db, b.userId, applied.id, 'Hello')).toEqual({
			ok: false,
			error: 'no_application'
		});
		expect(await postMessage(db, other.userId, applied.id, 'Hello')).toEqual({
			ok: false,
			error: 'no_application'
		});
		await withdrawApplication(db, learner.userId, applied.id);
		expect(await postMessage(db, a.userId, applied.id, 'Still there?')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect(await readThread(db, learner.userId, applied.id)).toHaveLength(2);
	});

	it('has a thread the learner can close or mute at any time, after a decision too; a decline closes it; nobody writes into a closed thread', async () => {
		const org = await vettedOrgMember(db, 'persistent');
		const roleId = await openRole(org.userId);
		const learner = await account(db, 'declined', 'learner');
		const other = await account(db, 'someoneelse', 'learner');
		const applied = await applyToRole(db, learner.userId, roleId, '');
		if (!applied.ok) throw new Error(applied.error);
		const id = applied.id;
		const thread = async () => (await getMyApplication(db, learner.userId, id, 'en'))!.thread;
		expect(await thread()).toEqual({ open: true, closedBy: null, ended: false, muted: false });

		// A decline closes the thread in the same write: the organization cannot keep writing.
		expect(await decideApplication(db, org.userId, id, 'decline', 'Not this time', 100)).toEqual({
			ok: true
		});
		expect(await thread()).toEqual({
			open: false,
			closedBy: 'organization',
			ended: false,
			muted: false
		});
		expect((await getOrgApplication(db, org.userId, id, 'en'))!.thread).toEqual({
			open: false,
			closedBy: 'organization',
			ended: false
		});
		expect(
			await postMessage(db, org.userId, id, 'Please send us your phone number and home village')
		).toEqual({ ok: false, error: 'not_allowed' });
		expect(await postMessage(db, learner.userId, id, 'Why?')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect(await readThread(db, learner.userId, id)).toEqual([]);

		// Only the learner opens it again, or closes and mutes it; not the organization, not another learner.
		expect(await changeThread(db, org.userId, id, 'reopen')).toEqual({
			ok: false,
			error: 'no_application'
		});
		expect(await changeThread(db, other.userId, id, 'reopen')).toEqual({
			ok: false,
			error: 'no_application'
		});
		expect(await changeThread(db, learner.userId, id, 'reopen')).toMatchObject({
			ok: true,
			thread: { open: true }
		});
		expect(await postMessage(db, org.userId, id, 'We can explain', 200)).toEqual({ ok: true });
		expect(await postMessage(db, learner.userId, id, 'Thank you', 300)).toEqual({ ok: true });
		expect(await changeThread(db, learner.userId, id, 'close', 400)).toMatchObject({
			ok: true,
			thread: { open: false, closedBy: 'learner' }
		});
		expect(await postMessage(db, org.userId, id, 'We need it now')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect((await getOrgApplication(db, org.userId, id, 'en'))!.thread).toEqual({
			open: false,
			closedBy: 'learner',
			ended: false
		});
		expect(await readThread(db, learner.userId, id)).toHaveLength(2);
		expect(
			await db
				.selectFrom('application')
				.select(['thread_closed_at', 'thread_closed_by'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).toEqual({ thread_closed_at: 400, thread_closed_by: 'learner' });
	});

	it('lets the learner mute a thread: the organization may still write, but its messages make no badge (its decisions still do)', async () => {
		const org = await vettedOrgMember(db, 'chatty');
		const roleId = await openRole(org.userId);
		const learner = await account(db, 'quietplease', 'learner');
		const applied = await applyToRole(db, learner.userId, roleId, '');
		if (!applied.ok) throw new Error(applied.error);
		const id = applied.id;
		await decideApplication(db, org.userId, id, 'accept', '', 100);
		await db
			.updateTable('application')
			.set({ learner_seen_at: 150 })
			.where('id', '=', id)
			.execute();
		expect(await changeThread(db, learner.userId, id, 'mute')).toMatchObject({
			ok: true,
			thread: { open: true, muted: true }
		});
		expect(await postMessage(db, org.userId, id, 'Hello again', 200)).toEqual({ ok: true });
		expect(await learnerNews(db, learner.userId)).toEqual([]);
		// The organization is not told it was muted.
		expect(JSON.stringify(await getOrgApplication(db, org.userId, id, 'en'))).not.toContain(
			'muted'
		);
		expect(await changeThread(db, learner.userId, id, 'unmute')).toMatchObject({
			ok: true,
			thread: { muted: false }
		});
		expect(await learnerNews(db, learner.userId)).toEqual([id]);
		// After withdrawing, the thread has ended: nothing to close, open or mute any more.
		const second = await applyToRole(db, learner.userId, await openRole(org.userId, 'Second'), '');
		if (!second.ok) throw new Error(second.error);
		await withdrawApplication(db, learner.userId, second.id);
		expect(await changeThread(db, learner.userId, second.id, 'reopen')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
	});

	it('lets only an organization that accepted the learner endorse a skill the role asked for, at most at the level it asked, shown on the profile as theirs', async () => {
		const a = await vettedOrgMember(db, 'endorser');
		const b = await vettedOrgMember(db, 'stranger');
		const roleId = await openRole(a.userId, 'Clinic volunteer', [
			{ id: 'first_aid', level: 2, required: true },
			{ id: 'thai', level: 1, required: false }
		]);
		const learner = await account(db, 'endorsed', 'learner');
		const applied = await applyToRole(db, learner.userId, roleId, '');
		if (!applied.ok) throw new Error(applied.error);
		// Not before working together.
		expect(await endorseSkill(db, a.userId, applied.id, 'first_aid', 2)).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		await decideApplication(db, a.userId, applied.id, 'accept', '');
		expect(await endorseSkill(db, b.userId, applied.id, 'first_aid', 2)).toEqual({
			ok: false,
			error: 'no_application'
		});
		expect(await endorseSkill(db, a.userId, applied.id, 'flying', 2)).toEqual({
			ok: false,
			error: 'beyond_role'
		});
		// A skill that exists but the role did not ask for, and more than the role asked.
		expect(await endorseSkill(db, a.userId, applied.id, 'beekeeping', 1)).toEqual({
			ok: false,
			error: 'beyond_role'
		});
		expect(await endorseSkill(db, a.userId, applied.id, 'first_aid', 3)).toEqual({
			ok: false,
			error: 'beyond_role'
		});
		expect(await endorseSkill(db, a.userId, applied.id, 'thai', 2)).toEqual({
			ok: false,
			error: 'beyond_role'
		});
		expect(await endorseSkill(db, a.userId, applied.id, 'first_aid', 0)).toEqual({
			ok: false,
			error: 'beyond_role'
		});
		expect(
			await db.selectFrom('user_skill').selectAll().where('user_id', '=', learner.userId).execute()
		).toEqual([]);
		expect(await endorseSkill(db, a.userId, applied.id, 'first_aid', 1)).toEqual({ ok: true });
		expect(await endorseSkill(db, a.userId, applied.id, 'first_aid', 2)).toEqual({ ok: true });
		expect(await endorseSkill(db, a.userId, applied.id, 'thai', 1)).toEqual({ ok: true });
		const profile = await getProfile(db, learner.userId, 'en');
		expect(profile.skills.find((s) => s.id === 'first_aid')).toMatchObject({
			level: 2,
			sources: [{ kind: 'endorsement', level: 2, from: 'endorser org' }]
		});
		expect(profile.skills.find((s) => s.id === 'thai')).toMatchObject({
			level: 1,
			sources: [{ kind: 'endorsement', level: 1, from: 'endorser org' }]
		});
		expect(profile.skills.find((s) => s.id === 'beekeeping')).toBeUndefined();
	});
});
