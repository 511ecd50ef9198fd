/**
 * The applicant's profile on the organization's application page: shown as the learner allows
 * (visible to vetted organizations, or to organizations they apply to, or shared on that one
 * application), never when hidden or withdrawn, never to another organization, never with the
 * account name.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { applicationFor, shareProfile } from '$lib/server/applications/learner';
import { applyToRole, withdrawApplication } from '$lib/server/applications/lifecycle';
import { getOrgApplication } from '$lib/server/applications/organization';
import { eachTestDb } from '../helpers/db';
import { vettedOrgMember } from '../helpers/authors';
import { apply, auditRows, learnerWithProfile, openRole } from '../helpers/audit';

let db: Db;
eachTestDb((made) => (db = made), { taxonomy: true });

describe('the applicant’s profile, as the organization sees it', () => {
	it.each(['vetted', 'applied'] as const)(
		'shows skills with their sources, languages, area and time when the learner chose "%s"',
		async (visibility) => {
			const org = await vettedOrgMember(db, 'clinic');
			const { roleId } = await openRole(db, org.userId);
			const learnerId = await learnerWithProfile(db, `medic${visibility}`, visibility);
			const applicationId = await apply(db, learnerId, roleId, 'Six years in the medical corps');
			const seen = await getOrgApplication(db, org.userId, applicationId, 'en');
			expect(seen?.profile).toEqual({
				shown: true,
				profile: {
					area: 'mae_sot',
					availability: ['volunteer'],
					remote: true,
					skills: [{ name: 'First aid', level: 2, sources: ['self'] }],
					languages: [{ name: 'Thai', level: 1, sources: ['self'] }]
				}
			});
			// Never the account name, and nothing the learner keeps to themselves (interests).
			expect(JSON.stringify(seen)).not.toContain(`medic${visibility}`);
			expect(seen?.profile).not.toHaveProperty('profile.interests');
		}
	);

	it('is not shown when the learner keeps it hidden, and another organization never sees the application at all', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const other = await vettedOrgMember(db, 'otherclinic');
		const { roleId } = await openRole(db, org.userId, 'Night shift');
		const learnerId = await learnerWithProfile(db, 'quietmedic', 'hidden');
		const applicationId = await apply(db, learnerId, roleId, 'Please keep my profile private');
		const seen = await getOrgApplication(db, org.userId, applicationId, 'en');
		expect(seen?.profile).toEqual({ shown: false, why: 'hidden' });
		const text = JSON.stringify(seen);
		for (const hidden of ['First aid', 'Thai', 'mae_sot', 'volunteer', 'quietmedic'])
			expect(text).not.toContain(hidden);
		expect(seen?.message).toBe('Please keep my profile private');
		expect(await getOrgApplication(db, other.userId, applicationId, 'en')).toBeNull();
	});

	it('is never shown to another organization, even when visible to vetted organizations', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const other = await vettedOrgMember(db, 'otherclinic');
		const { roleId } = await openRole(db, org.userId);
		const applicationId = await apply(
			db,
			await learnerWithProfile(db, 'openmedic', 'vetted'),
			roleId
		);
		expect(await getOrgApplication(db, other.userId, applicationId, 'en')).toBeNull();
	});

	it('is taken back with the application when the learner withdraws', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const { roleId } = await openRole(db, org.userId);
		const learnerId = await learnerWithProfile(db, 'changedmind', 'applied');
		const applicationId = await apply(db, learnerId, roleId);
		await withdrawApplication(db, learnerId, applicationId);
		expect((await getOrgApplication(db, org.userId, applicationId, 'en'))?.profile).toEqual({
			shown: false,
			why: 'withdrawn'
		});
	});

	it('is shown, for that application only, when a hidden learner shares it when applying; stopping or withdrawing takes it back', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const other = await vettedOrgMember(db, 'otherclinic');
		const { roleId } = await openRole(db, org.userId);
		const { roleId: otherRole } = await openRole(db, other.userId, 'Other clinic');
		const learnerId = await learnerWithProfile(db, 'sharer', 'hidden');
		const applied = await applyToRole(db, learnerId, roleId, 'Shared with you only', 5000, true);
		if (!applied.ok) throw new Error(applied.error);
		const elsewhere = await apply(db, learnerId, otherRole, 'Not shared here');
		expect((await getOrgApplication(db, org.userId, applied.id, 'en'))?.profile).toMatchObject({
			shown: true,
			profile: { area: 'mae_sot', skills: [{ name: 'First aid' }] }
		});
		// The other organization, applied to without sharing, still sees nothing of the profile.
		expect((await getOrgApplication(db, other.userId, elsewhere, 'en'))?.profile).toEqual({
			shown: false,
			why: 'hidden'
		});
		expect(await applicationFor(db, learnerId, roleId)).toEqual({
			id: applied.id,
			status: 'applied',
			profileShared: true
		});
		expect(await auditRows(db, 'profile_share')).toEqual([
			expect.objectContaining({ actor_id: learnerId, object_id: applied.id, at: 5000 })
		]);

		expect(await shareProfile(db, learnerId, applied.id, false, 6000)).toEqual({ ok: true });
		expect((await getOrgApplication(db, org.userId, applied.id, 'en'))?.profile).toEqual({
			shown: false,
			why: 'hidden'
		});
		expect(await auditRows(db, 'profile_unshare')).toEqual([
			expect.objectContaining({ actor_id: learnerId, object_id: applied.id, at: 6000 })
		]);

		expect(await shareProfile(db, learnerId, elsewhere, true, 7000)).toEqual({ ok: true });
		expect((await getOrgApplication(db, other.userId, elsewhere, 'en'))?.profile.shown).toBe(true);
		await withdrawApplication(db, learnerId, elsewhere);
		expect((await getOrgApplication(db, other.userId, elsewhere, 'en'))?.profile).toEqual({
			shown: false,
			why: 'withdrawn'
		});
		expect(await shareProfile(db, learnerId, elsewhere, true)).toEqual({
			ok: false,
			error: 'not_allowed'
		});
	});

	it("is shared only by the application's own learner: another learner or the organization cannot, and nothing is written", async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const { roleId } = await openRole(db, org.userId);
		const learnerId = await learnerWithProfile(db, 'private', 'hidden');
		const intruder = await learnerWithProfile(db, 'intruder', 'hidden');
		const applicationId = await apply(db, learnerId, roleId);
		for (const caller of [intruder, org.userId])
			expect(await shareProfile(db, caller, applicationId, true)).toEqual({
				ok: false,
				error: 'no_application'
			});
		expect(
			(
				await db
					.selectFrom('application')
					.select('profile_shared_at')
					.where('id', '=', applicationId)
					.executeTakeFirstOrThrow()
			).profile_shared_at
		).toBeNull();
		expect(await auditRows(db, 'profile_share')).toEqual([]);
		expect((await getOrgApplication(db, org.userId, applicationId, 'en'))?.profile).toEqual({
			shown: false,
			why: 'hidden'
		});
	});
});
