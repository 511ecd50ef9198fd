import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import { createRole, moveRole, type RoleInput } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { randomToken } from '$lib/server/auth/tokens';

/** A volunteer role in Mae Sot needing `skills`, with `more` changed. */
export function roleInput(
	title: string,
	skills: RoleInput['skills'] = [],
	more: Partial<RoleInput> = {}
): RoleInput {
	return {
		kind: 'medical_volunteer',
		title: { my: '', en: title },
		description: { my: '', en: 'Help' },
		safety: { my: '', en: '' },
		area: 'mae_sot',
		remote: false,
		availability: 'volunteer',
		pay: '',
		seats: 2,
		startsOn: null,
		closesOn: null,
		skills,
		...more
	};
}

/** A role of the member's vetted organization, approved by the administrator `adminId` and open. */
export async function openRole(
	db: Db,
	memberId: string,
	adminId: string,
	title: string,
	skills: RoleInput['skills'] = []
): Promise<string> {
	const created = await createRole(db, memberId, roleInput(title, skills));
	if (!created.ok) throw new Error(created.error);
	await moveRole(db, memberId, created.id, 'submit');
	await reviewRole(db, adminId, created.id, 'approve', '');
	await moveRole(db, memberId, created.id, 'open');
	return created.id;
}

/**
 * A role of the member's vetted organization, submitted and approved by a new administrator
 * (not opened): the first state in which an organization sees candidates.
 */
export async function approvedRole(
	db: Db,
	memberId: string,
	input: RoleInput
): Promise<{ ok: true; id: string }> {
	const created = await createRole(db, memberId, input);
	if (!created.ok) throw new Error(created.error);
	const admin = await createAdministrator(db, `reviewer${randomToken(4)}`);
	if (!admin.ok) throw new Error(admin.error);
	const submitted = await moveRole(db, memberId, created.id, 'submit');
	if (!submitted.ok) throw new Error(submitted.error);
	const reviewed = await reviewRole(db, admin.userId, created.id, 'approve', '');
	if (!reviewed.ok) throw new Error(reviewed.error);
	return { ok: true, id: created.id };
}
