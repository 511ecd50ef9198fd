/**
 * Roles, as an organization writes them. Only members of a vetted organization write, submit,
 * open or close roles, and only their own organization's; a role is edited while it is a draft.
 *
 *   draft --submit--> submitted --(administrator approves)--> approved --open--> open --close--> closed
 *   submitted --withdraw--> draft;  approved --close--> closed
 */
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import { vettedOrgOf } from '../orgs/membership';
import type { Selectable } from 'kysely';
import type { RoleAvailability, RoleKind, RoleStatus, RoleTable } from '../schema';
import { ROLE_SKILLS_MAX } from '../../role-limits';
import type { Result } from '$lib/result';
import type { RoleMove } from '$lib/vocab/roles';
import { allowedMoves, editableDraft, moveReviewed } from './reviewed';
import { knownSkills } from './posted-skills';

type Bilingual = { my: string; en: string };

export interface RoleDetails {
	kind: RoleKind;
	title: Bilingual;
	description: Bilingual;
	safety: Bilingual;
	area: RoleTable['area'];
	remote: boolean;
	availability: RoleAvailability;
	pay: string;
	seats: number;
	startsOn: string | null;
	closesOn: string | null;
}

export interface RoleSkill {
	id: string;
	level: number;
	required: boolean;
}

export interface RoleInput extends RoleDetails {
	skills: RoleSkill[];
}

export type RoleError =
	'not_vetted' | 'no_role' | 'not_draft' | 'not_allowed' | 'no_skill' | 'too_many_skills';
export type RoleResult<T extends object = object> = Result<T, RoleError>;

/** A stored role's details, as the domain speaks of them. */
export function roleDetailsOf(role: Selectable<RoleTable>): RoleDetails {
	return {
		kind: role.kind,
		title: { my: role.title_my, en: role.title_en },
		description: { my: role.description_my, en: role.description_en },
		safety: { my: role.safety_my, en: role.safety_en },
		area: role.area,
		remote: role.remote === 1,
		availability: role.availability,
		pay: role.pay,
		seats: role.seats,
		startsOn: role.starts_on,
		closesOn: role.closes_on
	};
}

function columns(input: RoleDetails) {
	return {
		kind: input.kind,
		title_my: input.title.my,
		title_en: input.title.en,
		description_my: input.description.my,
		description_en: input.description.en,
		safety_my: input.safety.my,
		safety_en: input.safety.en,
		area: input.area,
		remote: input.remote ? 1 : 0,
		availability: input.availability,
		pay: input.pay,
		seats: input.seats,
		starts_on: input.startsOn,
		closes_on: input.closesOn
	};
}

async function writeSkills(db: Db, roleId: string, skills: RoleSkill[]) {
	await db.deleteFrom('role_skill').where('role_id', '=', roleId).execute();
	if (skills.length)
		await db
			.insertInto('role_skill')
			.values(
				skills.map((s) => ({
					role_id: roleId,
					skill_id: s.id,
					level: s.level,
					required: s.required ? 1 : 0
				}))
			)
			.execute();
}

/** A new draft role of the caller's vetted organization. */
export async function createRole(
	db: Db,
	userId: string,
	input: RoleDetails & { skills?: RoleSkill[] },
	now = Date.now()
): Promise<RoleResult<{ id: string }>> {
	const skills = input.skills ?? [];
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	if (skills.length > ROLE_SKILLS_MAX) return { ok: false, error: 'too_many_skills' };
	if (!(await knownSkills(db, skills))) return { ok: false, error: 'no_skill' };
	const id = newId();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('role')
			.values({
				id,
				org_id: orgId,
				...columns(input),
				status: 'draft',
				reviewed_by: null,
				reviewed_at: null,
				created_by: userId,
				created_at: now,
				updated_at: now
			})
			.execute();
		await writeSkills(trx, id, skills);
	});
	return { ok: true, id };
}

/** Replaces a draft's texts and details (and its skills, when given). */
export async function updateRole(
	db: Db,
	userId: string,
	roleId: string,
	input: RoleDetails & { skills?: RoleSkill[] },
	now = Date.now()
): Promise<RoleResult> {
	const editable = await editableDraft(db, 'role', userId, roleId);
	if (!editable.ok) return editable;
	if (input.skills && !(await knownSkills(db, input.skills)))
		return { ok: false, error: 'no_skill' };
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('role')
			.set({ ...columns(input), updated_at: now })
			.where('id', '=', roleId)
			.execute();
		if (input.skills) await writeSkills(trx, roleId, input.skills);
	});
	return { ok: true };
}

/** Moves one of the organization's roles along its states (./reviewed.ts). */
export async function moveRole(
	db: Db,
	userId: string,
	roleId: string,
	move: RoleMove,
	now = Date.now()
): Promise<RoleResult<{ status: RoleStatus }>> {
	return moveReviewed(db, 'role', userId, roleId, move, now);
}

export interface OrgRoleSummary {
	id: string;
	title: Bilingual;
	kind: RoleKind;
	status: RoleStatus;
	updatedAt: number;
	reviewNote: string;
}

/** The roles of the caller's organization (any status of the organization), newest first. */
export async function listOrgRoles(db: Db, userId: string): Promise<OrgRoleSummary[]> {
	const rows = await db
		.selectFrom('role')
		.innerJoin('org_member', 'org_member.org_id', 'role.org_id')
		.select([
			'role.id',
			'role.title_my',
			'role.title_en',
			'role.kind',
			'role.status',
			'role.updated_at',
			'role.review_note'
		])
		.where('org_member.user_id', '=', userId)
		.orderBy('role.updated_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: { my: r.title_my, en: r.title_en },
		kind: r.kind,
		status: r.status,
		updatedAt: r.updated_at,
		reviewNote: r.review_note
	}));
}

export interface OrgRole extends RoleInput {
	id: string;
	status: RoleStatus;
	reviewNote: string;
	moves: RoleMove[];
}

/** One of the caller's organization's roles, as the editor shows it; null for anyone else's. */
export async function getOrgRole(db: Db, userId: string, roleId: string): Promise<OrgRole | null> {
	const role = await db
		.selectFrom('role')
		.innerJoin('org_member', 'org_member.org_id', 'role.org_id')
		.selectAll('role')
		.where('org_member.user_id', '=', userId)
		.where('role.id', '=', roleId)
		.executeTakeFirst();
	if (!role) return null;
	const skills = await db
		.selectFrom('role_skill')
		.selectAll()
		.where('role_id', '=', roleId)
		.orderBy('required', 'desc')
		.orderBy('skill_id')
		.execute();
	return {
		id: role.id,
		status: role.status,
		reviewNote: role.review_note,
		moves: allowedMoves(role.status),
		...roleDetailsOf(role),
		skills: skills.map((s) => ({ id: s.skill_id, level: s.level, required: s.required === 1 }))
	};
}

/**
 * Closes the roles of an organization nobody is left in, so no learner applies where nobody
 * would read it. Drafts stay drafts, unseen.
 */
export async function closeRolesOf(db: Db, orgId: string, now = Date.now()): Promise<void> {
	await db
		.updateTable('role')
		.set({ status: 'closed', updated_at: now })
		.where('org_id', '=', orgId)
		.where('status', 'in', ['submitted', 'approved', 'open'])
		.execute();
}
