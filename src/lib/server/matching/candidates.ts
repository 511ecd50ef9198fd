/**
 * Candidates for a role, as its organization sees them: only learners who chose to be visible to
 * vetted organizations and whom the role is about (`candidateRule`: they hold one of its
 * required skills, or reach the score the page states when it requires none), ranked by the
 * same score learners see, and shown by a pseudonym made for this organization alone (two
 * organizations cannot tell they see the same person), with skills and their sources,
 * languages, area and the match reasons. Nothing more: no account name, no other field, until
 * the learner applies. Each candidate shown is a view of that learner's profile, recorded in
 * the audit trail so the learner can see who looked; a learner not shown is not recorded.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { vettedOrgOf } from '../orgs/membership';
import type { Locale, RoleStatus } from '../schema';
import type { SkillSource } from '../../vocab/skills';
import { bestLearners } from './learners';
import { candidateRule, scoreMatch, type CandidateRule, type Match, type RoleFacts } from './score';
import { pickText as pick } from '../../format';
import { recordAudit } from '../audit/trail';
import { countedLevel } from '../skills/levels';

/** A stable pseudonym of a learner for one organization, e.g. "K7F3-2QXD". */
export function pseudonym(orgId: string, userId: string): string {
	const digest = createHash('sha256').update(`candidate:${orgId}:${userId}`).digest();
	const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	const chars = [...digest.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export interface Candidate {
	pseudonym: string;
	area: string;
	match: Match;
	skills: {
		name: string;
		group: string | null;
		level: number;
		sources: SkillSource[];
	}[];
	missing: { name: string; level: number; has: number }[];
}

export type CandidatesResult =
	| {
			ok: true;
			role: { id: string; title: string };
			listing: CandidateRule;
			candidates: Candidate[];
	  }
	| { ok: false; error: 'not_vetted' | 'no_role' | 'not_reviewed' };

/**
 * The states in which a role has candidates: once an administrator approved it, and while it is
 * open. A draft or a submitted role has not been reviewed (otherwise any skills, area and time
 * written into a draft would search every visible learner around the review), and a closed role
 * looks for nobody.
 */
export const CANDIDATE_STATUSES: readonly RoleStatus[] = ['approved', 'open'];
export const hasCandidates = (status: RoleStatus) => CANDIDATE_STATUSES.includes(status);

/**
 * Ranked candidates for one of the caller's organization's roles (at most `limit`), only while
 * the role is approved or open (`CANDIDATE_STATUSES`).
 *
 * Every visible learner is ranked in memory (learners.ts, the same score and order as
 * `scoreMatch` and `byMatch`), and only the best `limit` are explained and their skills read.
 */
export async function rankCandidates(
	db: Db,
	userId: string,
	roleId: string,
	locale: Locale,
	limit = 50,
	now = Date.now()
): Promise<CandidatesResult> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	const role = await db
		.selectFrom('role')
		.select(['id', 'status', 'title_my', 'title_en', 'area', 'remote', 'availability'])
		.where('id', '=', roleId)
		.where('org_id', '=', orgId)
		.executeTakeFirst();
	if (!role) return { ok: false, error: 'no_role' };
	if (!hasCandidates(role.status)) return { ok: false, error: 'not_reviewed' };
	const roleSkills = await db
		.selectFrom('role_skill')
		.selectAll()
		.where('role_id', '=', roleId)
		.execute();
	const facts: RoleFacts = {
		required: roleSkills
			.filter((s) => s.required === 1)
			.map((s) => ({ id: s.skill_id, level: s.level })),
		preferred: roleSkills
			.filter((s) => s.required === 0)
			.map((s) => ({ id: s.skill_id, level: s.level })),
		area: role.area,
		remote: role.remote === 1,
		availability: role.availability
	};
	const best = await bestLearners(db, facts, limit);
	const skills = best.length
		? await skillsOf(
				db,
				best.map((c) => c.id),
				locale
			)
		: new Map<string, Map<string, Candidate['skills'][number]>>();
	const roleSkillNames = roleSkills.length
		? await db
				.selectFrom('skill')
				.select(['id', 'name_my', 'name_en'])
				.where(
					'id',
					'in',
					roleSkills.map((s) => s.skill_id)
				)
				.execute()
		: [];
	const names = new Map(roleSkillNames.map((r) => [r.id, pick(locale, r.name_my, r.name_en)]));
	// One entry per candidate shown, so each learner sees truthfully that this organization saw them.
	await recordAudit(
		db,
		best.map((learner) => ({
			actor: userId,
			org: orgId,
			action: 'profile_view' as const,
			object: learner.id
		})),
		now
	);
	return {
		ok: true,
		role: { id: role.id, title: pick(locale, role.title_my, role.title_en) },
		listing: candidateRule(facts),
		candidates: best.map((learner) => {
			const match = scoreMatch(learner.facts, facts);
			return {
				pseudonym: pseudonym(orgId, learner.id),
				area: learner.facts.area,
				match,
				skills: [...(skills.get(learner.id)?.values() ?? [])],
				missing: match.required.missing.map((m) => ({
					name: names.get(m.id) ?? m.id,
					level: m.level,
					has: m.has
				}))
			};
		})
	};
}

/** Every skill of the given learners with the level it counts at and its sources, by group and position. */
async function skillsOf(
	db: Db,
	userIds: string[],
	locale: Locale
): Promise<Map<string, Map<string, Candidate['skills'][number]>>> {
	const rows = await db
		.selectFrom('user_skill')
		.innerJoin('skill', 'skill.id', 'user_skill.skill_id')
		.leftJoin('skill_group', 'skill_group.id', 'skill.group_id')
		.select([
			'user_skill.user_id',
			'user_skill.skill_id',
			'user_skill.level',
			'user_skill.source',
			'skill.name_my',
			'skill.name_en',
			'skill_group.name_my as group_my',
			'skill_group.name_en as group_en'
		])
		.where('user_skill.user_id', 'in', userIds)
		.orderBy('skill_group.position')
		.orderBy('skill.position')
		.execute();
	const byUser = new Map<string, Map<string, Candidate['skills'][number]>>();
	for (const row of rows) {
		const skills = byUser.get(row.user_id) ?? new Map<string, Candidate['skills'][number]>();
		const skill = skills.get(row.skill_id) ?? {
			name: pick(locale, row.name_my, row.name_en),
			group:
				row.group_my || row.group_en ? pick(locale, row.group_my ?? '', row.group_en ?? '') : null,
			level: 0,
			sources: []
		};
		skill.level = countedLevel(skill.level, row.level);
		if (!skill.sources.includes(row.source)) skill.sources.push(row.source);
		skills.set(row.skill_id, skill);
		byUser.set(row.user_id, skills);
	}
	return byUser;
}
