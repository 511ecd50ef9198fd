/**
 * Roles as learners find them: only open roles of vetted organizations whose closing day has
 * not passed, each scored for the learner and explained (src/lib/matching/score.ts), with the
 * published courses that grant what is missing.
 */
import type { Db } from '../db';
import type { Locale, RoleKind } from '../schema';
import { byMatch, scoreMatch, type LearnerFacts, type Match } from '../../matching/score';
import { pickText as pick } from '../../format';

export const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/** What matching knows of a learner: skills (highest level from any source), area, time, remote. */
export async function learnerFacts(db: Db, userId: string): Promise<LearnerFacts> {
	const skills = await db.selectFrom('user_skill').select(['skill_id', (eb) => eb.fn.max('level').as('level')]).where('user_id', '=', userId).groupBy('skill_id').execute();
	const profile = await db.selectFrom('learner_profile').selectAll().where('user_id', '=', userId).executeTakeFirst();
	return {
		skills: Object.fromEntries(skills.map((s) => [s.skill_id, Number(s.level)])),
		area: profile?.area ?? 'unsaid',
		availability: profile ? (JSON.parse(profile.availability) as string[]) : [],
		remote: profile?.remote_ok === 1
	};
}

export interface MissingSkill {
	id: string;
	name: string;
	level: number;
	has: number;
	/** Published courses that grant this skill at the level or above. */
	courses: { id: string; title: string }[];
}

export interface Opportunity {
	id: string;
	title: string;
	org: string;
	kind: RoleKind;
	area: string | null;
	remote: boolean;
	availability: string;
	pay: string;
	seats: number;
	closesOn: string | null;
	match: Match;
	missing: MissingSkill[];
}

/** The open roles a learner may see, best match first. */
export async function listOpportunities(db: Db, userId: string, locale: Locale, now = Date.now()): Promise<Opportunity[]> {
	const day = today(now);
	const roles = await db
		.selectFrom('role')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.selectAll('role')
		.select('organization.name as org')
		.where('role.status', '=', 'open')
		.where('organization.status', '=', 'vetted')
		.where((eb) => eb.or([eb('role.closes_on', 'is', null), eb('role.closes_on', '>=', day)]))
		.execute();
	if (roles.length === 0) return [];
	const skills = await db.selectFrom('role_skill').selectAll().where('role_id', 'in', roles.map((r) => r.id)).execute();
	const facts = await learnerFacts(db, userId);
	const opportunities = roles.map((role) => {
		const own = skills.filter((s) => s.role_id === role.id);
		const match = scoreMatch(facts, {
			required: own.filter((s) => s.required === 1).map((s) => ({ id: s.skill_id, level: s.level })),
			preferred: own.filter((s) => s.required === 0).map((s) => ({ id: s.skill_id, level: s.level })),
			area: role.area,
			remote: role.remote === 1,
			availability: role.availability
		});
		return {
			id: role.id,
			title: pick(locale, role.title_my, role.title_en),
			org: role.org,
			kind: role.kind,
			area: role.area,
			remote: role.remote === 1,
			availability: role.availability,
			pay: role.pay,
			seats: role.seats,
			closesOn: role.closes_on,
			match,
			missing: [] as MissingSkill[]
		};
	});
	await explainMissing(db, opportunities, locale);
	return opportunities.sort(byMatch);
}

/** Names each missing skill and finds the published courses that close the gap. */
async function explainMissing(db: Db, opportunities: Opportunity[], locale: Locale): Promise<void> {
	const ids = [...new Set(opportunities.flatMap((o) => o.match.required.missing.map((m) => m.id)))];
	if (ids.length === 0) return;
	const names = await db.selectFrom('skill').select(['id', 'name_my', 'name_en']).where('id', 'in', ids).execute();
	const courses = await db
		.selectFrom('course_skill')
		.innerJoin('course', 'course.id', 'course_skill.course_id')
		.select(['course_skill.skill_id', 'course_skill.level', 'course.id', 'course.title_my', 'course.title_en'])
		.where('course_skill.skill_id', 'in', ids)
		.where('course.status', '=', 'published')
		.orderBy('course.id')
		.execute();
	for (const opportunity of opportunities) {
		opportunity.missing = opportunity.match.required.missing.map((m) => {
			const name = names.find((n) => n.id === m.id);
			return {
				...m,
				name: name ? pick(locale, name.name_my, name.name_en) : m.id,
				courses: courses.filter((c) => c.skill_id === m.id && c.level >= m.level).map((c) => ({ id: c.id, title: pick(locale, c.title_my, c.title_en) }))
			};
		});
	}
}

export interface OpportunityDetail extends Opportunity {
	description: string;
	safety: string;
	startsOn: string | null;
	skills: { name: string; level: number; required: boolean; has: number }[];
}

/** One open role for a learner, with everything the list shows and its texts; null when not open to learners. */
export async function getOpportunity(db: Db, userId: string, roleId: string, locale: Locale, now = Date.now()): Promise<OpportunityDetail | null> {
	const found = (await listOpportunities(db, userId, locale, now)).find((o) => o.id === roleId);
	if (!found) return null;
	const role = await db.selectFrom('role').selectAll().where('id', '=', roleId).executeTakeFirstOrThrow();
	const facts = await learnerFacts(db, userId);
	const skills = await db
		.selectFrom('role_skill')
		.innerJoin('skill', 'skill.id', 'role_skill.skill_id')
		.select(['skill.id', 'skill.name_my', 'skill.name_en', 'role_skill.level', 'role_skill.required'])
		.where('role_skill.role_id', '=', roleId)
		.orderBy('role_skill.required', 'desc')
		.orderBy('skill.id')
		.execute();
	return {
		...found,
		description: pick(locale, role.description_my, role.description_en),
		safety: pick(locale, role.safety_my, role.safety_en),
		startsOn: role.starts_on,
		skills: skills.map((s) => ({ name: pick(locale, s.name_my, s.name_en), level: s.level, required: s.required === 1, has: facts.skills[s.id] ?? 0 }))
	};
}
