import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUp } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import {
	applyForOrganization,
	createInvitation,
	getMembership,
	joinWithInvitation,
	listOrganizations
} from '$lib/server/orgs/membership';
import { freshDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshDb()));
afterEach(() => cleanup());

async function account(username: string, kind: 'learner' | 'org_member'): Promise<string> {
	const result = await signUp(
		db,
		{ username, password: 'a quiet morning walk', kind, background: null, locale: 'my' },
		'x'
	);
	if (!result.ok) throw new Error(result.error);
	return result.userId;
}

const clinic = {
	name: 'Border Clinic',
	kind: 'clinic' as const,
	description: 'Primary care near Mae Sot'
};

describe('organizations', () => {
	it('start pending, with their applicant as owner', async () => {
		const owner = await account('owner', 'org_member');
		const result = await applyForOrganization(db, owner, clinic);
		expect(result.ok).toBe(true);
		const membership = await getMembership(db, owner);
		expect(membership).toMatchObject({
			role: 'owner',
			org: { name: 'Border Clinic', status: 'pending' }
		});
		expect(await listOrganizations(db, 'pending')).toHaveLength(1);
		expect(await listOrganizations(db, 'vetted')).toHaveLength(0);
	});

	it('cannot be applied for by learners, or twice by one member', async () => {
		const learner = await account('learner', 'learner');
		expect(await applyForOrganization(db, learner, clinic)).toEqual({
			ok: false,
			error: 'not_org_account'
		});
		const owner = await account('owner', 'org_member');
		await applyForOrganization(db, owner, clinic);
		expect(await applyForOrganization(db, owner, { ...clinic, name: 'Second' })).toEqual({
			ok: false,
			error: 'already_member'
		});
		expect(await db.selectFrom('organization').selectAll().execute()).toHaveLength(1);
	});

	it('are joined with a one-time invitation code from the owner', async () => {
		const owner = await account('owner', 'org_member');
		await applyForOrganization(db, owner, clinic);
		const invitation = await createInvitation(db, owner);
		if (!invitation.ok) throw new Error();
		const member = await account('member', 'org_member');
		expect((await joinWithInvitation(db, member, invitation.code.toUpperCase())).ok).toBe(true);
		expect(await getMembership(db, member)).toMatchObject({
			role: 'member',
			org: { name: 'Border Clinic' }
		});

		const late = await account('late', 'org_member');
		expect(await joinWithInvitation(db, late, invitation.code)).toEqual({
			ok: false,
			error: 'invalid_invitation'
		});
		expect(await createInvitation(db, member)).toEqual({ ok: false, error: 'not_owner' });
	});

	it('refuse expired codes, and learners', async () => {
		const owner = await account('owner', 'org_member');
		await applyForOrganization(db, owner, clinic);
		const now = Date.now();
		const invitation = await createInvitation(db, owner, now);
		if (!invitation.ok) throw new Error();
		const learner = await account('learner', 'learner');
		expect(await joinWithInvitation(db, learner, invitation.code)).toEqual({
			ok: false,
			error: 'not_org_account'
		});
		const member = await account('member', 'org_member');
		expect(await joinWithInvitation(db, member, invitation.code, invitation.expiresAt + 1)).toEqual(
			{ ok: false, error: 'invalid_invitation' }
		);
		expect(await getMembership(db, member)).toBeNull();
	});
});
