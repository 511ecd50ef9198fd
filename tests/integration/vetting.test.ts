/** Vetting partner organizations: decisions, their history, and what suspension takes away. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { addCourse } from '$lib/server/courses/authoring/course';
import type { Db } from '$lib/server/db';
import { applyForOrganization, getMembership } from '$lib/server/orgs/membership';
import { decideOrganization, organizationForReview } from '$lib/server/orgs/vetting';
import { freshDb } from '../helpers/db';
import { account } from '../helpers/authors';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshDb()));
afterEach(() => cleanup());

async function admin(name = 'vetter') {
	const made = await createAdministrator(db, name);
	if (!made.ok) throw new Error(made.error);
	return made.userId;
}
async function application(owner = 'clinicowner') {
	const member = await account(db, owner, 'org_member');
	const applied = await applyForOrganization(db, member.userId, {
		name: 'Border Clinic',
		kind: 'clinic',
		description: 'Care on the border',
		areas: ['mae_sot', 'thai_border']
	});
	if (!applied.ok) throw new Error(applied.error);
	return { member, orgId: applied.orgId };
}
const details = {
	category: 'vocational' as const,
	audience: 'families' as const,
	title: { my: 'ချုပ်', en: 'Sewing' },
	summary: { my: 'ချုပ်', en: 'Sewing' }
};

describe('vetting an organization', () => {
	it('records each decision with its note, who and when; suspension takes authoring away at once and reinstating gives it back', async () => {
		const adminId = await admin();
		const { member, orgId } = await application();
		let review = await organizationForReview(db, orgId);
		expect(review).toMatchObject({
			name: 'Border Clinic',
			status: 'pending',
			areas: ['mae_sot', 'thai_border'],
			contact: 'clinicowner',
			members: 1,
			history: [],
			allowed: ['vet', 'reject']
		});
		// Not vetted yet: no authoring.
		expect(await addCourse(db, member, details)).toMatchObject({ ok: false });

		expect(
			await decideOrganization(db, adminId, orgId, 'vet', 'Known partner in Mae Sot', 1000)
		).toEqual({ ok: true, status: 'vetted' });
		expect(await addCourse(db, member, details)).toMatchObject({ ok: true });
		expect(
			await decideOrganization(db, adminId, orgId, 'suspend', 'Reported misuse', 2000)
		).toEqual({ ok: true, status: 'suspended' });
		expect(await addCourse(db, member, details)).toMatchObject({ ok: false });
		expect((await getMembership(db, member.userId))?.org.status).toBe('suspended');
		expect(await decideOrganization(db, adminId, orgId, 'reinstate', '', 3000)).toEqual({
			ok: true,
			status: 'vetted'
		});
		expect(await addCourse(db, member, details)).toMatchObject({ ok: true });

		review = await organizationForReview(db, orgId);
		expect(review?.history).toEqual([
			{ decision: 'reinstate', note: '', by: 'vetter', at: 3000 },
			{ decision: 'suspend', note: 'Reported misuse', by: 'vetter', at: 2000 },
			{ decision: 'vet', note: 'Known partner in Mae Sot', by: 'vetter', at: 1000 }
		]);
		expect(review?.allowed).toEqual(['suspend']);
	});

	it('refuses a decision the state does not allow, from anyone but an administrator, or on no organization, and changes nothing', async () => {
		const adminId = await admin();
		const { member, orgId } = await application();
		expect(await decideOrganization(db, adminId, orgId, 'suspend', '')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect(await decideOrganization(db, adminId, orgId, 'reinstate', '')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect(await decideOrganization(db, member.userId, orgId, 'vet', '')).toEqual({
			ok: false,
			error: 'not_admin'
		});
		expect(await decideOrganization(db, adminId, 'nosuchorganization', 'vet', '')).toEqual({
			ok: false,
			error: 'no_org'
		});
		expect(await organizationForReview(db, orgId)).toMatchObject({
			status: 'pending',
			history: []
		});
		// A rejected application can be reconsidered, not suspended.
		expect(
			await decideOrganization(db, adminId, orgId, 'reject', 'No one vouches for it')
		).toMatchObject({ ok: true, status: 'rejected' });
		expect(await decideOrganization(db, adminId, orgId, 'suspend', '')).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		expect(await decideOrganization(db, adminId, orgId, 'vet', 'Vouched for since')).toMatchObject({
			ok: true,
			status: 'vetted'
		});
		expect(await organizationForReview(db, 'nosuchorganization')).toBeNull();
	});
});
