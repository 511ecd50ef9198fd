/**
 * Roles as learners find them: only open roles of vetted organizations whose closing day has
 * not passed, each scored for the learner and explained (score.ts), with the
 * published courses that grant what is missing.
 */
import type { Db } from '../db';
import type { Locale, RoleKind } from '../schema';
import { openRoles, rankRoles, type OpenRole } from './roles';
import { almostThereBy, scoreMatch, type LearnerFacts, type Match } from './score';
import { coursesForGap } from './gaps';
import { pickText as pick } from '../../format';
import { courseAimLevel } from '../../courses/levels';
import { heldLevels } from '../skills/levels';

export const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/** What matching knows of a learner: skills (at the level they count, levels.ts), area, time, remote. */
export async function learnerFacts(db: Db, userId: string): Promise<LearnerFacts> {
	const profile = await db
		.selectFrom('learner_profile')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return {
		skills: await heldLevels(db, userId),
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
	/**
	 * Published courses for the gap (`coursesForGap`), each with the level it teaches to. A
	 * practical course (first aid) records less by itself: it aims at the level, which a partner
	 * then confirms.
	 */
	courses: { id: string; title: string; level: number; practical: boolean }[];
	/** Whether the courses reach the level asked; false when they are only a first step. */
	reaches: boolean;
	/**
	 * Open trainings that teach the skill past what the learner has (an organization confirms
	 * the level in person), the ones reaching the level asked first.
	 */
	trainings: { id: string; title: string; level: number }[];
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

/** One role as the learner sees it, scored and explained in words; gaps not yet explained with courses. */
function opportunity(role: OpenRole, facts: LearnerFacts, locale: Locale): Opportunity {
	return {
		id: role.id,
		title: pick(locale, role.title.my, role.title.en),
		org: role.org,
		kind: role.kind,
		area: role.facts.area,
		remote: role.facts.remote,
		availability: role.facts.availability,
		pay: role.pay,
		seats: role.seats,
		closesOn: role.closesOn,
		match: scoreMatch(facts, role.facts),
		missing: []
	};
}

/** Every open role a learner may see, best match first, each gap explained. */
export async function listOpportunities(
	db: Db,
	userId: string,
	locale: Locale,
	now = Date.now()
): Promise<Opportunity[]> {
	const roles = await openRoles(db);
	const facts = await learnerFacts(db, userId);
	const { order } = rankRoles(roles, facts, today(now));
	const opportunities = Array.from(order, (i) => opportunity(roles[i], facts, locale));
	await explainMissing(db, opportunities, locale);
	return opportunities;
}

export const OPPORTUNITIES_PER_PAGE = 20;
export type OpportunityFilter = {
	kind: RoleKind | '';
	show: 'all' | 'eligible' | 'almost';
	page: number;
};

/**
 * One page of a learner's opportunities, filtered by kind and by fit ("eligible", "almost
 * there"); only the roles on the page have their gaps explained. `page` past the end gives the
 * last page.
 */
export async function opportunitiesPage(
	db: Db,
	userId: string,
	locale: Locale,
	filter: OpportunityFilter,
	now = Date.now()
) {
	const roles = await openRoles(db);
	const facts = await learnerFacts(db, userId);
	const { order, short } = rankRoles(roles, facts, today(now));
	const chosen = order.filter(
		(i) =>
			(!filter.kind || roles[i].kind === filter.kind) &&
			(filter.show === 'all' ||
				(filter.show === 'eligible' ? short[i] === 0 : almostThereBy(short[i])))
	);
	const pages = Math.max(1, Math.ceil(chosen.length / OPPORTUNITIES_PER_PAGE));
	const page = Math.min(Math.max(1, filter.page), pages);
	const shown = Array.from(
		chosen.subarray((page - 1) * OPPORTUNITIES_PER_PAGE, page * OPPORTUNITIES_PER_PAGE),
		(i) => opportunity(roles[i], facts, locale)
	);
	await explainMissing(db, shown, locale);
	return {
		roles: shown,
		total: order.length,
		matching: chosen.length,
		page,
		pages,
		perPage: OPPORTUNITIES_PER_PAGE
	};
}

/**
 * Names each missing skill and finds the published courses that close the gap, or, when no
 * course reaches the level asked, those that are a first step towards it.
 */
async function explainMissing(db: Db, opportunities: Opportunity[], locale: Locale): Promise<void> {
	const ids = [...new Set(opportunities.flatMap((o) => o.match.required.missing.map((m) => m.id)))];
	if (ids.length === 0) return;
	const names = new Map(
		(
			await db
				.selectFrom('skill')
				.select(['id', 'name_my', 'name_en'])
				.where('id', 'in', ids)
				.execute()
		).map((n) => [n.id, pick(locale, n.name_my, n.name_en)])
	);
	const courses = new Map<
		string,
		{ level: number; id: string; title: string; practical: boolean }[]
	>();
	const rows = await db
		.selectFrom('course_skill')
		.innerJoin('course', 'course.id', 'course_skill.course_id')
		.select([
			'course_skill.skill_id',
			'course_skill.level',
			'course.practical',
			'course.id',
			'course.title_my',
			'course.title_en'
		])
		.where('course_skill.skill_id', 'in', ids)
		.where('course.status', '=', 'published')
		.orderBy('course.id')
		.execute();
	// A course closes the gap with the level it teaches to (never past what a course can show); a
	// practical course is named with its aim too, and the page says a partner confirms that level.
	for (const c of rows)
		courses.set(c.skill_id, [
			...(courses.get(c.skill_id) ?? []),
			{
				level: courseAimLevel(c.level),
				id: c.id,
				title: pick(locale, c.title_my, c.title_en),
				practical: c.practical === 1
			}
		]);
	const trainings = await openTrainingsTeaching(db, ids, locale);
	for (const opportunity of opportunities) {
		opportunity.missing = opportunity.match.required.missing.map((m) => ({
			...m,
			name: names.get(m.id) ?? m.id,
			...coursesForGap(courses.get(m.id) ?? [], m),
			trainings: (trainings.get(m.id) ?? [])
				.filter((t) => t.level > m.has)
				.sort((a, b) => Number(b.level >= m.level) - Number(a.level >= m.level))
		}));
	}
}

export interface OpportunityDetail extends Opportunity {
	description: string;
	safety: string;
	startsOn: string | null;
	skills: { name: string; level: number; required: boolean; has: number }[];
}

/** One open role for a learner, with everything the list shows and its texts; null when not open to learners. */
export async function getOpportunity(
	db: Db,
	userId: string,
	roleId: string,
	locale: Locale,
	now = Date.now()
): Promise<OpportunityDetail | null> {
	const day = today(now);
	const open = (await openRoles(db)).find(
		(role) => role.id === roleId && (role.closesOn === null || role.closesOn >= day)
	);
	if (!open) return null;
	const facts = await learnerFacts(db, userId);
	const found = opportunity(open, facts, locale);
	await explainMissing(db, [found], locale);
	const role = await db
		.selectFrom('role')
		.selectAll()
		.where('id', '=', roleId)
		.executeTakeFirstOrThrow();
	const skills = await db
		.selectFrom('role_skill')
		.innerJoin('skill', 'skill.id', 'role_skill.skill_id')
		.select([
			'skill.id',
			'skill.name_my',
			'skill.name_en',
			'role_skill.level',
			'role_skill.required'
		])
		.where('role_skill.role_id', '=', roleId)
		.orderBy('role_skill.required', 'desc')
		.orderBy('skill.id')
		.execute();
	return {
		...found,
		description: pick(locale, role.description_my, role.description_en),
		safety: pick(locale, role.safety_my, role.safety_en),
		startsOn: role.starts_on,
		skills: skills.map((s) => ({
			name: pick(locale, s.name_my, s.name_en),
			level: s.level,
			required: s.required === 1,
			has: facts.skills[s.id] ?? 0
		}))
	};
}

/** Trainings learners may ask a place in now that teach these skills, by skill, with the level each reaches. */
async function openTrainingsTeaching(
	db: Db,
	skillIds: string[],
	locale: Locale
): Promise<Map<string, { id: string; title: string; level: number }[]>> {
	const rows = await db
		.selectFrom('training_skill')
		.innerJoin('training', 'training.id', 'training_skill.training_id')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training_skill.skill_id',
			'training_skill.level',
			'training.id',
			'training.title_my',
			'training.title_en'
		])
		.where('training_skill.skill_id', 'in', skillIds)
		.where('training.status', '=', 'open')
		.where('organization.status', '=', 'vetted')
		.where('training.closes_on', '>=', today())
		.orderBy('training.closes_on')
		.execute();
	const bySkill = new Map<string, { id: string; title: string; level: number }[]>();
	for (const r of rows)
		bySkill.set(r.skill_id, [
			...(bySkill.get(r.skill_id) ?? []),
			{ id: r.id, title: pick(locale, r.title_my, r.title_en), level: r.level }
		]);
	return bySkill;
}
