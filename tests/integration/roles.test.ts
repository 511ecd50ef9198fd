/** Roles: written by vetted organizations, approved by administrators, opened and closed; nobody touches another organization's. */
import { removePostedSkill, setPostedSkill } from '$lib/server/roles/posted-skills';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import {
	createRole,
	getOrgRole,
	listOrgRoles,
	moveRole,
	updateRole,
	type RoleInput
} from '$lib/server/roles/editing';
import { reviewRole, rolesToReview } from '$lib/server/roles/review';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
});
afterEach(() => cleanup());

const medic: RoleInput = {
	kind: 'medical_volunteer',
	title: { my: 'ဆေးခန်း စေတနာ့ဝန်ထမ်း', en: 'Clinic volunteer' },
	description: { my: 'ဒဏ်ရာ ကုသရန်', en: 'Help treat wounds' },
	safety: { my: '', en: 'Meet at the clinic only' },
	area: 'mae_sot',
	remote: false,
	availability: 'volunteer',
	pay: 'Meals and transport',
	seats: 3,
	startsOn: '2027-01-10',
	closesOn: '2026-12-31',
	skills: [
		{ id: 'first_aid', level: 2, required: true },
		{ id: 'thai', level: 1, required: false }
	]
};

async function admin() {
	const made = await createAdministrator(db, 'roleadmin');
	if (!made.ok) throw new Error(made.error);
	return made.userId;
}

describe('a role', () => {
	it('goes draft → submitted → approved → open → closed, edited only as a draft, approved only by an administrator', async () => {
		const org = await vettedOrgMember(db, 'clinicstaff');
		const adminId = await admin();
		const created = await createRole(db, org.userId, medic, 1000);
		if (!created.ok) throw new Error(created.error);
		const id = created.id;
		expect(await getOrgRole(db, org.userId, id)).toMatchObject({
			status: 'draft',
			moves: ['submit'],
			skills: [
				{ id: 'first_aid', level: 2, required: true },
				{ id: 'thai', level: 1, required: false }
			]
		});
		expect(await updateRole(db, org.userId, id, { ...medic, seats: 5 })).toEqual({ ok: true });
		expect(await moveRole(db, org.userId, id, 'open')).toEqual({ ok: false, error: 'not_allowed' });
		expect(await moveRole(db, org.userId, id, 'submit')).toEqual({ ok: true, status: 'submitted' });
		expect(await updateRole(db, org.userId, id, medic)).toEqual({ ok: false, error: 'not_draft' });
		expect((await rolesToReview(db)).map((r) => r.id)).toEqual([id]);
		// Only an administrator approves; and sending back says why.
		expect(await reviewRole(db, org.userId, id, 'approve', '')).toEqual({
			ok: false,
			error: 'not_admin'
		});
		expect(await reviewRole(db, adminId, id, 'return', 'Say where volunteers sleep')).toEqual({
			ok: true
		});
		expect(await getOrgRole(db, org.userId, id)).toMatchObject({
			status: 'draft',
			reviewNote: 'Say where volunteers sleep'
		});
		await moveRole(db, org.userId, id, 'submit');
		expect(await reviewRole(db, adminId, id, 'approve', '')).toEqual({ ok: true });
		expect(await reviewRole(db, adminId, id, 'approve', '')).toEqual({
			ok: false,
			error: 'not_submitted'
		});
		expect(await moveRole(db, org.userId, id, 'open')).toEqual({ ok: true, status: 'open' });
		expect(await moveRole(db, org.userId, id, 'close')).toEqual({ ok: true, status: 'closed' });
		expect(await moveRole(db, org.userId, id, 'open')).toEqual({ ok: false, error: 'not_allowed' });
		expect((await listOrgRoles(db, org.userId)).map((r) => [r.id, r.status, r.title.en])).toEqual([
			[id, 'closed', 'Clinic volunteer']
		]);
	});

	it('is never seen or changed by another organization, and needs a vetted organization and known skills', async () => {
		const a = await vettedOrgMember(db, 'orga');
		const b = await vettedOrgMember(db, 'orgb');
		const created = await createRole(db, a.userId, medic);
		if (!created.ok) throw new Error(created.error);
		expect(await getOrgRole(db, b.userId, created.id)).toBeNull();
		expect(await updateRole(db, b.userId, created.id, medic)).toEqual({
			ok: false,
			error: 'no_role'
		});
		expect(await moveRole(db, b.userId, created.id, 'submit')).toEqual({
			ok: false,
			error: 'no_role'
		});
		expect(await listOrgRoles(db, b.userId)).toEqual([]);
		expect(
			await createRole(db, a.userId, {
				...medic,
				skills: [{ id: 'flying', level: 1, required: true }]
			})
		).toEqual({ ok: false, error: 'no_skill' });
		const learner = await account(db, 'justlearning', 'learner');
		expect(await createRole(db, learner.userId, medic)).toEqual({ ok: false, error: 'not_vetted' });
		// Suspended: nothing moves until reinstated.
		const adminId = await admin();
		const orgId = (
			await db
				.selectFrom('org_member')
				.select('org_id')
				.where('user_id', '=', a.userId)
				.executeTakeFirstOrThrow()
		).org_id;
		await decideOrganization(db, adminId, orgId, 'suspend', '');
		expect(await moveRole(db, a.userId, created.id, 'submit')).toEqual({
			ok: false,
			error: 'not_vetted'
		});
		expect(await createRole(db, a.userId, medic)).toEqual({ ok: false, error: 'not_vetted' });
		await decideOrganization(db, adminId, orgId, 'reinstate', '');
		expect(await moveRole(db, a.userId, created.id, 'submit')).toMatchObject({ ok: true });
	});

	it('takes skills one by one while a draft: added, changed, removed, at most twelve, known ones only', async () => {
		const org = await vettedOrgMember(db, 'skillful');
		const created = await createRole(db, org.userId, { ...medic, skills: [] });
		if (!created.ok) throw new Error(created.error);
		const id = created.id;
		expect(
			await setPostedSkill(db, 'role', org.userId, id, {
				id: 'first_aid',
				level: 1,
				required: false
			})
		).toEqual({ ok: true });
		expect(
			await setPostedSkill(db, 'role', org.userId, id, {
				id: 'first_aid',
				level: 2,
				required: true
			})
		).toEqual({ ok: true });
		expect(
			await setPostedSkill(db, 'role', org.userId, id, { id: 'flying', level: 2, required: true })
		).toEqual({ ok: false, error: 'no_skill' });
		expect((await getOrgRole(db, org.userId, id))?.skills).toEqual([
			{ id: 'first_aid', level: 2, required: true }
		]);
		const more = [
			'thai',
			'english',
			'burmese',
			'wound_care',
			'triage',
			'vital_signs',
			'nursing_care',
			'car_driving',
			'childcare',
			'bookkeeping',
			'cash_handling'
		];
		for (const skill of more)
			expect(
				await setPostedSkill(db, 'role', org.userId, id, { id: skill, level: 1, required: false })
			).toEqual({ ok: true });
		expect(
			await setPostedSkill(db, 'role', org.userId, id, { id: 'baking', level: 1, required: false })
		).toEqual({ ok: false, error: 'too_many_skills' });
		expect(await removePostedSkill(db, 'role', org.userId, id, 'cash_handling')).toEqual({
			ok: true
		});
		expect((await getOrgRole(db, org.userId, id))?.skills).toHaveLength(11);
		await moveRole(db, org.userId, id, 'submit');
		expect(
			await setPostedSkill(db, 'role', org.userId, id, { id: 'baking', level: 1, required: false })
		).toEqual({ ok: false, error: 'not_draft' });
		expect(await removePostedSkill(db, 'role', org.userId, id, 'thai')).toEqual({
			ok: false,
			error: 'not_draft'
		});
	});
});
