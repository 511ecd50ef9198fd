/**
 * "Who saw me": every audited action leaves one row of who, which organization, what, on what
 * and when; a decision and its row are kept together or not at all; the learner sees who viewed
 * them (organizations by name, administrators as such) and nobody else's; and a deleted
 * account's ids can be made opaque without losing or blocking the rows.
 */
import { describe, expect, it } from 'vitest';
import { changePassword, resetWithRecoveryCode } from '$lib/server/accounts/credentials';
import { createAdministrator, signIn, signUp } from '$lib/server/accounts/sign-in';
import {
	decideApplication,
	endorseSkill,
	withdrawApplication
} from '$lib/server/applications/lifecycle';
import { getOrgApplication } from '$lib/server/applications/organization';
import { readThread } from '$lib/server/applications/messages';
import { forgetInAudit, recordAudit, viewsOfLearner } from '$lib/server/audit/trail';
import type { Db } from '$lib/server/db';
import { applyForOrganization } from '$lib/server/orgs/membership';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { rankCandidates } from '$lib/server/matching/candidates';
import { createRole, moveRole } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import { eachTestDb } from '../helpers/db';
import { refuseInserts } from '../helpers/engine';
import { account, vettedOrgMember } from '../helpers/authors';
import { apply, auditRows, learnerWithProfile, openRole, orgOf } from '../helpers/audit';
import { approvedRole, roleInput } from '../helpers/roles';

let db: Db;
eachTestDb((made) => (db = made), { taxonomy: true });

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'authors write well';
/** Rows in a stable order, for rows written at the same time. */
const sorted = <T>(rows: T[]) =>
	[...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const clearAudit = () => db.deleteFrom('audit_event').execute();

describe('the audit trail records', () => {
	it('sign-ins, successful and failed: the account tried, its organization, or no actor at all for a name no account has', async () => {
		const learner = await account(db, 'thanthan', 'learner');
		const member = await vettedOrgMember(db, 'clinicowner');
		await clearAudit();
		await signIn(db, { username: 'ThanThan', password: PASSWORD }, 'x', 1000);
		await signIn(db, { username: 'thanthan', password: 'not the password' }, 'x', 2000);
		await signIn(db, { username: 'nobody-here', password: 'not the password' }, 'x', 3000);
		await signIn(db, { username: 'clinicowner', password: PASSWORD }, 'x', 4000);
		expect(await auditRows(db)).toEqual([
			{
				actor_id: learner.userId,
				actor_org_id: null,
				action: 'sign_in',
				object_id: null,
				at: 1000
			},
			{
				actor_id: learner.userId,
				actor_org_id: null,
				action: 'sign_in_failed',
				object_id: null,
				at: 2000
			},
			{ actor_id: null, actor_org_id: null, action: 'sign_in_failed', object_id: null, at: 3000 },
			{
				actor_id: member.userId,
				actor_org_id: await orgOf(db, member.userId),
				action: 'sign_in',
				object_id: null,
				at: 4000
			}
		]);
	});

	it('refusals of a locked name as failed sign-ins too', async () => {
		const learner = await account(db, 'lockedout', 'learner');
		for (let i = 0; i < 6; i++)
			await signIn(db, { username: 'lockedout', password: 'wrong' }, 'x', 1000);
		expect(
			await signIn(db, { username: 'lockedout', password: PASSWORD }, 'x', 2000)
		).toMatchObject({ error: 'locked' });
		const rows = await auditRows(db, 'sign_in_failed');
		expect(rows).toHaveLength(7);
		expect(rows.every((r) => r.actor_id === learner.userId)).toBe(true);
		expect(await auditRows(db, 'sign_in')).toEqual([]);
	});

	it('vetting decisions, role reviews and application decisions, with who decided on what; refused ones leave nothing', async () => {
		const admin = await createAdministrator(db, 'vetter');
		if (!admin.ok) throw new Error(admin.error);
		const owner = await account(db, 'owner', 'org_member');
		const applied = await applyForOrganization(db, owner.userId, {
			name: 'Border Clinic',
			kind: 'clinic',
			description: ''
		});
		if (!applied.ok) throw new Error(applied.error);
		const orgId = applied.orgId;
		await decideOrganization(db, admin.userId, orgId, 'vet', 'Known partner', 1000);
		await decideOrganization(db, admin.userId, orgId, 'reject', '', 1100); // not allowed once vetted
		await decideOrganization(db, owner.userId, orgId, 'suspend', '', 1200); // not an administrator
		await decideOrganization(db, admin.userId, orgId, 'suspend', 'Reported', 2000);
		await decideOrganization(db, admin.userId, orgId, 'reinstate', '', 3000);

		const role = await createRole(
			db,
			owner.userId,
			roleInput('Clinic volunteer', [{ id: 'first_aid', level: 1, required: true }])
		);
		if (!role.ok) throw new Error(role.error);
		await moveRole(db, owner.userId, role.id, 'submit');
		await reviewRole(db, owner.userId, role.id, 'approve', '', 3500); // not an administrator
		await reviewRole(db, admin.userId, role.id, 'return', 'Say where volunteers sleep', 4000);
		await reviewRole(db, admin.userId, role.id, 'approve', '', 4500); // a draft again: not submitted
		await moveRole(db, owner.userId, role.id, 'submit');
		await reviewRole(db, admin.userId, role.id, 'approve', '', 5000);
		await moveRole(db, owner.userId, role.id, 'open');

		const applicationId = await apply(
			db,
			await learnerWithProfile(db, 'medic', 'applied'),
			role.id
		);
		await decideApplication(db, owner.userId, applicationId, 'shortlist', '', 6000);
		await decideApplication(db, owner.userId, applicationId, 'accept', 'Welcome', 7000);
		await decideApplication(db, owner.userId, applicationId, 'decline', '', 7500); // already decided

		const decisions = (await auditRows(db)).filter((r) => !r.action.startsWith('sign_'));
		expect(decisions).toEqual([
			{ actor_id: admin.userId, actor_org_id: null, action: 'org_vet', object_id: orgId, at: 1000 },
			{
				actor_id: admin.userId,
				actor_org_id: null,
				action: 'org_suspend',
				object_id: orgId,
				at: 2000
			},
			{
				actor_id: admin.userId,
				actor_org_id: null,
				action: 'org_reinstate',
				object_id: orgId,
				at: 3000
			},
			{
				actor_id: admin.userId,
				actor_org_id: null,
				action: 'role_return',
				object_id: role.id,
				at: 4000
			},
			{
				actor_id: admin.userId,
				actor_org_id: null,
				action: 'role_approve',
				object_id: role.id,
				at: 5000
			},
			{
				actor_id: owner.userId,
				actor_org_id: orgId,
				action: 'application_shortlist',
				object_id: applicationId,
				at: 6000
			},
			{
				actor_id: owner.userId,
				actor_org_id: orgId,
				action: 'application_accept',
				object_id: applicationId,
				at: 7000
			}
		]);
	});

	it('sign-ups, password changes and resets (and failed resets), withdrawals and endorsements, with who did it', async () => {
		const learner = await signUp(
			db,
			{ username: 'newcomer', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x',
			1000
		);
		if (!learner.ok) throw new Error(learner.error);
		const session = await db
			.selectFrom('session')
			.select('id')
			.where('user_id', '=', learner.userId)
			.executeTakeFirstOrThrow();
		expect(
			await changePassword(
				db,
				learner.userId,
				session.id,
				{ current: 'not it', next: 'a longer passphrase now' },
				1500
			)
		).toMatchObject({ ok: false });
		expect(
			await changePassword(
				db,
				learner.userId,
				session.id,
				{ current: PASSWORD, next: 'a longer passphrase now' },
				2000
			)
		).toEqual({ ok: true });
		const codes = learner.recoveryCodes;
		expect(
			await resetWithRecoveryCode(
				db,
				{ username: 'newcomer', code: 'WRONG-CODE', password: 'yet another passphrase' },
				'x',
				3000
			)
		).toMatchObject({ ok: false });
		expect(
			await resetWithRecoveryCode(
				db,
				{ username: 'no-such-name', code: codes[0], password: 'yet another passphrase' },
				'x',
				3500
			)
		).toMatchObject({ ok: false });
		expect(
			await resetWithRecoveryCode(
				db,
				{ username: 'newcomer', code: codes[0], password: 'yet another passphrase' },
				'x',
				4000
			)
		).toMatchObject({ ok: true });
		expect(await auditRows(db)).toEqual([
			{
				actor_id: learner.userId,
				actor_org_id: null,
				action: 'sign_up',
				object_id: null,
				at: 1000
			},
			{
				actor_id: learner.userId,
				actor_org_id: null,
				action: 'password_change',
				object_id: null,
				at: 2000
			},
			{
				actor_id: learner.userId,
				actor_org_id: null,
				action: 'password_reset_failed',
				object_id: null,
				at: 3000
			},
			{
				actor_id: null,
				actor_org_id: null,
				action: 'password_reset_failed',
				object_id: null,
				at: 3500
			},
			{
				actor_id: learner.userId,
				actor_org_id: null,
				action: 'password_reset',
				object_id: null,
				at: 4000
			}
		]);

		const org = await vettedOrgMember(db, 'workshop');
		const orgId = await orgOf(db, org.userId);
		const { roleId } = await openRole(db, org.userId);
		const second = await openRole(db, org.userId, 'Second role');
		const medic = await learnerWithProfile(db, 'medic', 'applied');
		const kept = await apply(db, medic, roleId);
		const taken = await apply(db, medic, second.roleId);
		await clearAudit();
		expect(await withdrawApplication(db, medic, taken, 5000)).toEqual({ ok: true });
		expect(await withdrawApplication(db, medic, taken, 5100)).toMatchObject({ ok: false }); // already withdrawn
		await decideApplication(db, org.userId, kept, 'accept', '', 6000);
		expect(await endorseSkill(db, org.userId, kept, 'first_aid', 1, 7000)).toEqual({ ok: true });
		expect(await endorseSkill(db, org.userId, kept, 'first_aid', 2, 7100)).toMatchObject({
			ok: false
		}); // more than the role asked

		expect(await auditRows(db)).toEqual([
			{
				actor_id: medic,
				actor_org_id: null,
				action: 'application_withdraw',
				object_id: taken,
				at: 5000
			},
			{
				actor_id: org.userId,
				actor_org_id: orgId,
				action: 'application_accept',
				object_id: kept,
				at: 6000
			},
			{
				actor_id: org.userId,
				actor_org_id: orgId,
				action: 'skill_endorse',
				object_id: medic,
				at: 7000
			}
		]);
	});

	it('an organization opening an application, its messages and the profile shown; not the learner reading their own, nor a refused look', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const other = await vettedOrgMember(db, 'elsewhere');
		const orgId = await orgOf(db, org.userId);
		const { roleId } = await openRole(db, org.userId);
		const shown = await learnerWithProfile(db, 'shown', 'applied');
		const hidden = await learnerWithProfile(db, 'private', 'hidden');
		const open = await apply(db, shown, roleId);
		const closed = await apply(db, hidden, roleId);
		await clearAudit();

		await getOrgApplication(db, org.userId, open, 'en', 1000);
		await readThread(db, org.userId, open, 1000);
		await getOrgApplication(db, org.userId, closed, 'en', 2000);
		await readThread(db, shown, open, 3000);
		expect(await getOrgApplication(db, other.userId, open, 'en', 4000)).toBeNull();
		expect(await readThread(db, other.userId, open, 4000)).toBeNull();

		const by = { actor_id: org.userId, actor_org_id: orgId };
		expect(sorted(await auditRows(db))).toEqual(
			sorted([
				{ ...by, action: 'application_view', object_id: open, at: 1000 },
				{ ...by, action: 'profile_view', object_id: shown, at: 1000 },
				{ ...by, action: 'messages_view', object_id: open, at: 1000 },
				// A hidden profile is not shown, so it is not recorded as seen.
				{ ...by, action: 'application_view', object_id: closed, at: 2000 }
			])
		);
	});

	it('each candidate a list shows, as a view of that learner’s profile, and nobody the list does not show', async () => {
		const org = await vettedOrgMember(db, 'hiring');
		const role = await approvedRole(
			db,
			org.userId,
			roleInput('Clinic volunteer', [{ id: 'first_aid', level: 1, required: true }])
		);
		const first = await learnerWithProfile(db, 'visibleone', 'vetted');
		const second = await learnerWithProfile(db, 'visibletwo', 'vetted');
		await learnerWithProfile(db, 'hiddenone', 'hidden');
		await learnerWithProfile(db, 'appliedonly', 'applied');
		// Visible, in the role's area and free for its time, but without first aid: not a candidate.
		const sewer = await account(db, 'visiblesewer', 'learner');
		await declareSkills(db, sewer.userId, [{ id: 'sewing_machine_operation', level: 3 }]);
		await saveProfileDetails(db, sewer.userId, {
			area: 'mae_sot',
			visibility: 'vetted',
			remote: true,
			availability: ['full_time'],
			interests: []
		});
		await clearAudit();
		const result = await rankCandidates(db, org.userId, role.id, 'en', 50, 5000);
		expect(result.ok && result.candidates).toHaveLength(2);
		expect(await viewsOfLearner(db, sewer.userId)).toEqual([]);
		const by = {
			actor_id: org.userId,
			actor_org_id: await orgOf(db, org.userId),
			action: 'profile_view',
			at: 5000
		};
		expect(sorted(await auditRows(db))).toEqual(
			sorted([
				{ ...by, object_id: first },
				{ ...by, object_id: second }
			])
		);
	});
});

describe('an action and its audit entry', () => {
	it('are kept together: when the entry cannot be written, the decision is not taken and nothing is shown', async () => {
		const admin = await createAdministrator(db, 'vetter');
		if (!admin.ok) throw new Error(admin.error);
		const pending = await account(db, 'pendingowner', 'org_member');
		const pendingOrg = await applyForOrganization(db, pending.userId, {
			name: 'Waiting',
			kind: 'ngo',
			description: ''
		});
		if (!pendingOrg.ok) throw new Error(pendingOrg.error);
		const org = await vettedOrgMember(db, 'clinic');
		const { roleId } = await openRole(db, org.userId);
		const submitted = await createRole(db, org.userId, roleInput('Second role'));
		if (!submitted.ok) throw new Error(submitted.error);
		await moveRole(db, org.userId, submitted.id, 'submit');
		const learnerId = await learnerWithProfile(db, 'medic', 'vetted');
		const applicationId = await apply(db, learnerId, roleId);
		const sessions = async () => (await db.selectFrom('session').select('id').execute()).length;
		const sessionsBefore = await sessions();

		const allow = await refuseInserts(db, 'audit_event', 'audit refused');
		await expect(decideOrganization(db, admin.userId, pendingOrg.orgId, 'vet', '')).rejects.toThrow(
			'audit refused'
		);
		await expect(reviewRole(db, admin.userId, submitted.id, 'approve', '')).rejects.toThrow(
			'audit refused'
		);
		await expect(decideApplication(db, org.userId, applicationId, 'accept', '')).rejects.toThrow(
			'audit refused'
		);
		await expect(signIn(db, { username: 'medic', password: PASSWORD }, 'x')).rejects.toThrow(
			'audit refused'
		);
		await expect(signIn(db, { username: 'medic', password: 'wrong' }, 'x')).rejects.toThrow(
			'audit refused'
		);
		await expect(getOrgApplication(db, org.userId, applicationId, 'en')).rejects.toThrow(
			'audit refused'
		);
		await expect(readThread(db, org.userId, applicationId)).rejects.toThrow('audit refused');
		await expect(rankCandidates(db, org.userId, roleId, 'en')).rejects.toThrow('audit refused');
		await allow();

		expect(
			(
				await db
					.selectFrom('organization')
					.select('status')
					.where('id', '=', pendingOrg.orgId)
					.executeTakeFirstOrThrow()
			).status
		).toBe('pending');
		expect(
			(
				await db
					.selectFrom('role')
					.select('status')
					.where('id', '=', submitted.id)
					.executeTakeFirstOrThrow()
			).status
		).toBe('submitted');
		expect(
			(
				await db
					.selectFrom('application')
					.select('status')
					.where('id', '=', applicationId)
					.executeTakeFirstOrThrow()
			).status
		).toBe('applied');
		expect(
			await db
				.selectFrom('application_event')
				.select('status')
				.where('application_id', '=', applicationId)
				.execute()
		).toEqual([{ status: 'applied' }]);
		expect(await sessions()).toBe(sessionsBefore);
		// The failed try was not counted either.
		expect(await db.selectFrom('sign_in_throttle').select('failures').execute()).toEqual([]);
	});
});

describe('who viewed my profile', () => {
	it('lists organizations by name and administrators as such, with what they saw, newest first; a learner never sees another’s', async () => {
		const alpha = await vettedOrgMember(db, 'alpha');
		const beta = await vettedOrgMember(db, 'beta');
		const admin = await createAdministrator(db, 'overseer');
		if (!admin.ok) throw new Error(admin.error);
		const { roleId } = await openRole(db, alpha.userId);
		const betaRole = await approvedRole(
			db,
			beta.userId,
			roleInput('Trainer', [{ id: 'first_aid', level: 1, required: true }])
		);
		const one = await learnerWithProfile(db, 'learnerone', 'vetted');
		const two = await learnerWithProfile(db, 'learnertwo', 'hidden');
		const oneApplied = await apply(db, one, roleId);

		await getOrgApplication(db, alpha.userId, oneApplied, 'en', 10 * DAY);
		await readThread(db, alpha.userId, oneApplied, 10 * DAY + 5);
		// No page lets an administrator open a learner's profile today; were one to, it reads so.
		await recordAudit(
			db,
			[{ actor: admin.userId, org: null, action: 'profile_view', object: one }],
			11 * DAY
		);
		await rankCandidates(db, beta.userId, betaRole.id, 'en', 50, 12 * DAY);

		const expectedOne = [
			{ org: 'beta org', at: 12 * DAY, seen: ['profile'] },
			{ org: null, at: 11 * DAY, seen: ['profile'] },
			{ org: 'alpha org', at: 10 * DAY + 5, seen: ['profile', 'application', 'messages'] }
		];
		expect(await viewsOfLearner(db, one)).toEqual(expectedOne);
		// Learner two was looked at by nobody: none of learner one's entries.
		expect(await viewsOfLearner(db, two)).toEqual([]);

		// Learner two applies to alpha too; alpha opens it (a hidden profile: the application only).
		const twoApplied = await apply(db, two, roleId);
		await getOrgApplication(db, alpha.userId, twoApplied, 'en', 13 * DAY);
		expect(await viewsOfLearner(db, two)).toEqual([
			{ org: 'alpha org', at: 13 * DAY, seen: ['application'] }
		]);
		expect(await viewsOfLearner(db, one)).toEqual(expectedOne);
		// Never which member: nothing of the member's account in what the learner gets.
		expect(JSON.stringify(await viewsOfLearner(db, one))).not.toMatch(
			new RegExp(`${alpha.userId}|${beta.userId}|${admin.userId}|overseer`)
		);
	});

	it('keeps one line per viewer and day, and at most the number asked for', async () => {
		const org = await vettedOrgMember(db, 'daily');
		const { roleId } = await openRole(db, org.userId);
		const learnerId = await learnerWithProfile(db, 'regular', 'applied');
		const applicationId = await apply(db, learnerId, roleId);
		for (let day = 1; day <= 5; day++) {
			await getOrgApplication(db, org.userId, applicationId, 'en', day * DAY + 1);
			await getOrgApplication(db, org.userId, applicationId, 'en', day * DAY + 2);
		}
		const views = await viewsOfLearner(db, learnerId, 3);
		expect(views.map((v) => v.at)).toEqual([5 * DAY + 2, 4 * DAY + 2, 3 * DAY + 2]);
		expect(views.every((v) => v.org === 'daily org')).toBe(true);
	});
});

describe('forgetInAudit', () => {
	it('replaces a deleted learner’s id and their applications’ ids with opaque ones; the rows stay, and deleting never waits on them', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const { roleId } = await openRole(db, org.userId);
		const gone = await learnerWithProfile(db, 'leaving', 'applied');
		const stays = await learnerWithProfile(db, 'staying', 'applied');
		const goneApplied = await apply(db, gone, roleId);
		const staysApplied = await apply(db, stays, roleId);
		await signIn(db, { username: 'leaving', password: PASSWORD }, 'x');
		await signIn(db, { username: 'staying', password: PASSWORD }, 'x');
		for (const id of [goneApplied, staysApplied]) {
			await getOrgApplication(db, org.userId, id, 'en');
			await readThread(db, org.userId, id);
		}
		const before = await auditRows(db);
		const untouched = before.filter(
			(r) => ![r.actor_id, r.object_id].some((id) => id === gone || id === goneApplied)
		);

		await forgetInAudit(db, gone);
		const after = await auditRows(db);
		expect(after).toHaveLength(before.length);
		expect(JSON.stringify(after)).not.toContain(gone);
		expect(JSON.stringify(after)).not.toContain(goneApplied);
		expect(after).toEqual(expect.arrayContaining(untouched));
		// One opaque id per former id: the rows still tell one person signed in and was viewed.
		const signedIn = after.find((r) => r.action === 'sign_in' && r.actor_id?.startsWith('gone-'))!;
		const viewed = after.find(
			(r) => r.action === 'profile_view' && r.object_id?.startsWith('gone-')
		)!;
		expect(viewed.object_id).toBe(signedIn.actor_id);
		const application = after.filter(
			(r) => r.action === 'application_view' && r.object_id?.startsWith('gone-')
		);
		expect(application).toHaveLength(1);
		expect(application[0].object_id).not.toBe(signedIn.actor_id);
		expect(await viewsOfLearner(db, gone)).toEqual([]);

		// No foreign key: deleting the account neither deletes the rows nor is refused, forgotten or not.
		await db.deleteFrom('user').where('id', '=', gone).execute();
		await db.deleteFrom('user').where('id', '=', stays).execute();
		expect(await auditRows(db)).toHaveLength(before.length);
	});

	it('joins the transaction it is given', async () => {
		const learner = await account(db, 'leaving', 'learner');
		await signIn(db, { username: 'leaving', password: PASSWORD }, 'x');
		await expect(
			db.transaction().execute(async (trx) => {
				await forgetInAudit(trx, learner.userId);
				throw new Error('deletion failed');
			})
		).rejects.toThrow('deletion failed');
		expect((await auditRows(db, 'sign_in'))[0].actor_id).toBe(learner.userId);
	});
});
