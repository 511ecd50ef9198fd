/**
 * The applicant's profile on the organization's application page: shown as the learner allows
 * (visible to vetted organizations, or to organizations they apply to), never when hidden or
 * withdrawn, never to another organization, never with the account name.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { getOrgApplication, withdrawApplication } from '$lib/server/applications';
import { eachTestDb } from '../helpers/db';
import { vettedOrgMember } from '../helpers/authors';
import { apply, learnerWithProfile, openRole } from '../helpers/audit';

let db: Db;
eachTestDb((made) => (db = made), { taxonomy: true });

describe('the applicant’s profile, as the organization sees it', () => {
	it.each(['vetted', 'applied'] as const)('shows skills with their sources, languages, area and time when the learner chose "%s"', async (visibility) => {
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
	});

	it('is not shown when the learner keeps it hidden, and another organization never sees the application at all', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const other = await vettedOrgMember(db, 'otherclinic');
		const { roleId } = await openRole(db, org.userId, 'Night shift');
		const learnerId = await learnerWithProfile(db, 'quietmedic', 'hidden');
		const applicationId = await apply(db, learnerId, roleId, 'Please keep my profile private');
		const seen = await getOrgApplication(db, org.userId, applicationId, 'en');
		expect(seen?.profile).toEqual({ shown: false, why: 'hidden' });
		const text = JSON.stringify(seen);
		for (const hidden of ['First aid', 'Thai', 'mae_sot', 'volunteer', 'quietmedic']) expect(text).not.toContain(hidden);
		expect(seen?.message).toBe('Please keep my profile private');
		expect(await getOrgApplication(db, other.userId, applicationId, 'en')).toBeNull();
	});

	it('is never shown to another organization, even when visible to vetted organizations', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const other = await vettedOrgMember(db, 'otherclinic');
		const { roleId } = await openRole(db, org.userId);
		const applicationId = await apply(db, await learnerWithProfile(db, 'openmedic', 'vetted'), roleId);
		expect(await getOrgApplication(db, other.userId, applicationId, 'en')).toBeNull();
	});

	it('is taken back with the application when the learner withdraws', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const { roleId } = await openRole(db, org.userId);
		const learnerId = await learnerWithProfile(db, 'changedmind', 'applied');
		const applicationId = await apply(db, learnerId, roleId);
		await withdrawApplication(db, learnerId, applicationId);
		expect((await getOrgApplication(db, org.userId, applicationId, 'en'))?.profile).toEqual({ shown: false, why: 'withdrawn' });
	});
});
