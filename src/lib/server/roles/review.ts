/**
 * Administrators approve roles before learners can see them, or send them back to the
 * organization as a draft with a note saying why.
 */
import type { Db } from '../db';
import type { Locale, RoleKind, RoleStatus } from '../schema';
import { roleDetailsOf, type RoleDetails } from './editing';
import { pickText } from '../../format';
import type { Result } from '$lib/result';
import type { ReviewDecision } from '$lib/vocab/roles';
import { reviewSubmitted } from './reviewed';

export type RoleReviewResult = Result<object, 'not_admin' | 'no_role' | 'not_submitted'>;

/** Approves a submitted role or returns it as a draft (./reviewed.ts). */
export async function reviewRole(
	db: Db,
	adminId: string,
	roleId: string,
	decision: ReviewDecision,
	note: string,
	now = Date.now()
): Promise<RoleReviewResult> {
	return reviewSubmitted(db, 'role', adminId, roleId, decision, note, now);
}

export interface RoleToReview {
	id: string;
	org: string;
	kind: RoleKind;
	title: { my: string; en: string };
	submittedAt: number;
}

/** Roles waiting for an administrator, oldest first. */
export async function rolesToReview(db: Db): Promise<RoleToReview[]> {
	const rows = await db
		.selectFrom('role')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.select([
			'role.id',
			'organization.name',
			'role.kind',
			'role.title_my',
			'role.title_en',
			'role.updated_at'
		])
		.where('role.status', '=', 'submitted')
		.orderBy('role.updated_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		org: r.name,
		kind: r.kind,
		title: { my: r.title_my, en: r.title_en },
		submittedAt: r.updated_at
	}));
}

export interface RoleReview extends RoleDetails {
	id: string;
	org: string;
	status: RoleStatus;
	skills: { name: string; level: number; required: boolean }[];
}

/** A role as an administrator checks it, with its organization and skill names; null when none. */
export async function roleForReview(
	db: Db,
	roleId: string,
	locale: Locale
): Promise<RoleReview | null> {
	const role = await db.selectFrom('role').selectAll().where('id', '=', roleId).executeTakeFirst();
	const org =
		role &&
		(await db
			.selectFrom('organization')
			.select('name')
			.where('id', '=', role.org_id)
			.executeTakeFirst());
	if (!role || !org) return null;
	const skills = await db
		.selectFrom('role_skill')
		.innerJoin('skill', 'skill.id', 'role_skill.skill_id')
		.select(['skill.name_my', 'skill.name_en', 'role_skill.level', 'role_skill.required'])
		.where('role_skill.role_id', '=', roleId)
		.orderBy('role_skill.required', 'desc')
		.orderBy('skill.id')
		.execute();
	return {
		id: role.id,
		org: org.name,
		status: role.status,
		...roleDetailsOf(role),
		skills: skills.map((s) => ({
			name: pickText(locale, s.name_my, s.name_en),
			level: s.level,
			required: s.required === 1
		}))
	};
}
