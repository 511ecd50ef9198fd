import type { Db } from '$lib/server/db';
import { applyToRole } from '$lib/server/applications/lifecycle';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { createRole, moveRole } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import type { AuditAction, Visibility } from '$lib/server/schema';
import { account } from './authors';
import { roleInput } from './roles';

/** Every audit row, oldest first (rows without a key keep their insertion order for equal times). */
export function auditRows(db: Db, action?: AuditAction) {
	let query = db.selectFrom('audit_event').selectAll();
	if (action) query = query.where('action', '=', action);
	return query.orderBy('at').execute();
}

/** The id of the organization an account belongs to. */
export async function orgOf(db: Db, userId: string): Promise<string> {
	return (
		await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', userId)
			.executeTakeFirstOrThrow()
	).org_id;
}

/** An open role of the member's organization, approved by a new administrator; returns it with the administrator. */
export async function openRole(
	db: Db,
	memberId: string,
	title = 'Clinic volunteer',
	skills = [{ id: 'first_aid', level: 1, required: true }]
) {
	const admin = await createAdministrator(db, `reviewer${Math.random().toString(36).slice(2, 8)}`);
	if (!admin.ok) throw new Error(admin.error);
	const created = await createRole(db, memberId, roleInput(title, skills));
	if (!created.ok) throw new Error(created.error);
	await moveRole(db, memberId, created.id, 'submit');
	await reviewRole(db, admin.userId, created.id, 'approve', '');
	await moveRole(db, memberId, created.id, 'open');
	return { roleId: created.id, adminId: admin.userId };
}

/** A learner with first aid (working) and Thai (basic), in Mae Sot, volunteering and remote, with `visibility`. */
export async function learnerWithProfile(
	db: Db,
	username: string,
	visibility: Visibility
): Promise<string> {
	const made = await account(db, username, 'learner');
	await declareSkills(db, made.userId, [
		{ id: 'first_aid', level: 2 },
		{ id: 'thai', level: 1 }
	]);
	await saveProfileDetails(db, made.userId, {
		area: 'mae_sot',
		visibility,
		remote: true,
		availability: ['volunteer'],
		interests: []
	});
	return made.userId;
}

/** The learner applies to the role; returns the application's id. */
export async function apply(
	db: Db,
	learnerId: string,
	roleId: string,
	message = ''
): Promise<string> {
	const applied = await applyToRole(db, learnerId, roleId, message);
	if (!applied.ok) throw new Error(applied.error);
	return applied.id;
}
