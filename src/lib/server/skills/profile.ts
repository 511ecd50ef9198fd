/**
 * A learner's skill profile: skills with where each comes from (self-declared, a completed
 * course, an endorsement by a vetted organization), and the few fixed choices matching needs
 * (area, availability, remote, interests, who may see it). Nothing typed, nothing that names a
 * person, a unit or a place; what a person did before is never stored (see crosswalk.ts).
 */
import { confirmPassword, type NotConfirmed } from '../auth/confirm';
import type { Db } from '../db';
import type { Area, Locale, Visibility } from '../schema';
import type { ProfileDetails } from '../../schemas/profile';
import type { LevelName, SkillSource as SourceKind } from '../../vocab/skills';
import { pickText as pick } from '../../format';
import type { Result } from '$lib/result';
import { countedLevel } from './levels';

type Bilingual = { my: string; en: string };

export interface SkillChoice {
	id: string;
	name: string;
	/** What each level means for this skill, in the reader's language (empty for skills outside the taxonomy). */
	levels: { basic: string; working: string; teach: string } | null;
}

export interface SkillGroup {
	id: string;
	name: string;
	skills: SkillChoice[];
}

function levelTexts(json: string, locale: Locale): SkillChoice['levels'] {
	const levels = JSON.parse(json) as Partial<Record<LevelName, Bilingual>>;
	if (!levels.basic || !levels.working || !levels.teach) return null;
	return {
		basic: pick(locale, levels.basic.my, levels.basic.en),
		working: pick(locale, levels.working.my, levels.working.en),
		teach: pick(locale, levels.teach.my, levels.teach.en)
	};
}

/** The taxonomy's groups, in order, without their skills. */
export async function listSkillGroups(
	db: Db,
	locale: Locale
): Promise<{ id: string; name: string }[]> {
	const groups = await db.selectFrom('skill_group').selectAll().orderBy('position').execute();
	return groups.map((g) => ({ id: g.id, name: pick(locale, g.name_my, g.name_en) }));
}

/** One group with its skills and their level descriptions, or null. */
export async function getSkillGroup(
	db: Db,
	groupId: string,
	locale: Locale
): Promise<SkillGroup | null> {
	const group = await db
		.selectFrom('skill_group')
		.selectAll()
		.where('id', '=', groupId)
		.executeTakeFirst();
	if (!group) return null;
	const skills = await db
		.selectFrom('skill')
		.selectAll()
		.where('group_id', '=', groupId)
		.orderBy('position')
		.execute();
	return {
		id: group.id,
		name: pick(locale, group.name_my, group.name_en),
		skills: skills.map((s) => ({
			id: s.id,
			name: pick(locale, s.name_my, s.name_en),
			levels: levelTexts(s.levels, locale)
		}))
	};
}

export interface SkillSource {
	kind: SourceKind;
	level: number;
	/** The course's title or the organization's name; null for self-declared. */
	from: string | null;
}

export interface ProfileSkill {
	id: string;
	name: string;
	group: string | null;
	groupId: string | null;
	/** The level it counts at: the highest any source gives (levels.ts). */
	level: number;
	sources: SkillSource[];
}

export interface Profile {
	area: Area;
	availability: string[];
	remote: boolean;
	interests: string[];
	visibility: Visibility;
	skills: ProfileSkill[];
}

/** Who may see the learner's profile: hidden ("only me") until the learner chooses otherwise. */
export async function profileVisibility(db: Db, userId: string): Promise<Visibility> {
	const row = await db
		.selectFrom('learner_profile')
		.select('visibility')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.visibility ?? 'hidden';
}

/** Where the learner said they are ("unsaid" until they say). */
export async function learnerArea(db: Db, userId: string): Promise<Area> {
	const row = await db
		.selectFrom('learner_profile')
		.select('area')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.area ?? 'unsaid';
}

/** The learner's own profile (a learner with no profile yet gets the defaults: hidden, area unsaid). */
export async function getProfile(db: Db, userId: string, locale: Locale): Promise<Profile> {
	const row = await db
		.selectFrom('learner_profile')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirst();
	const rows = await db
		.selectFrom('user_skill')
		.innerJoin('skill', 'skill.id', 'user_skill.skill_id')
		.leftJoin('skill_group', 'skill_group.id', 'skill.group_id')
		.leftJoin('course', (join) =>
			join.onRef('course.id', '=', 'user_skill.source_ref').on('user_skill.source', '=', 'course')
		)
		.leftJoin('organization', (join) =>
			join
				.onRef('organization.id', '=', 'user_skill.source_ref')
				.on('user_skill.source', '=', 'endorsement')
		)
		.leftJoin('training', (join) =>
			join
				.onRef('training.id', '=', 'user_skill.source_ref')
				.on('user_skill.source', '=', 'training')
		)
		.select([
			'user_skill.skill_id',
			'user_skill.level',
			'user_skill.source',
			'skill.group_id',
			'skill.name_my',
			'skill.name_en',
			'skill_group.name_my as group_my',
			'skill_group.name_en as group_en',
			'skill_group.position as group_position',
			'skill.position',
			'course.title_my',
			'course.title_en',
			'organization.name as org_name',
			'training.title_my as training_my',
			'training.title_en as training_en'
		])
		.where('user_skill.user_id', '=', userId)
		.orderBy('skill_group.position')
		.orderBy('skill.position')
		.execute();
	const skills = new Map<string, ProfileSkill>();
	for (const r of rows) {
		const skill = skills.get(r.skill_id) ?? {
			id: r.skill_id,
			name: pick(locale, r.name_my, r.name_en),
			group: r.group_my || r.group_en ? pick(locale, r.group_my ?? '', r.group_en ?? '') : null,
			groupId: r.group_id,
			level: 0,
			sources: []
		};
		skill.level = countedLevel(skill.level, r.level);
		const from =
			r.source === 'course'
				? pick(locale, r.title_my ?? '', r.title_en ?? '')
				: r.source === 'endorsement'
					? r.org_name
					: r.source === 'training'
						? pick(locale, r.training_my ?? '', r.training_en ?? '')
						: null;
		skill.sources.push({ kind: r.source, level: r.level, from });
		skills.set(r.skill_id, skill);
	}
	return {
		area: row?.area ?? 'unsaid',
		availability: row ? (JSON.parse(row.availability) as string[]) : [],
		remote: row?.remote_ok === 1,
		interests: row ? (JSON.parse(row.interests) as string[]) : [],
		visibility: row?.visibility ?? 'hidden',
		skills: [...skills.values()]
	};
}

/** The taxonomy's group of languages: a learner's languages are shown apart from other skills. */
export const LANGUAGE_GROUP = 'languages';

export interface SharedSkill {
	name: string;
	level: number;
	/** Which kinds of source, never which course or which organization. */
	sources: SkillSource['kind'][];
}

export interface SharedProfile {
	area: Area;
	availability: string[];
	remote: boolean;
	skills: SharedSkill[];
	languages: SharedSkill[];
}

/**
 * What an organization may be shown of a learner's profile, with the learner's choice of who
 * may see it; whether it is shown is the caller's decision (applications/index.ts). Skills and
 * languages with the kinds of their sources, area and time: never interests, the account, or
 * which courses and organizations the skills come from.
 */
export async function sharedProfile(
	db: Db,
	userId: string,
	locale: Locale
): Promise<{ visibility: Visibility; profile: SharedProfile }> {
	const own = await getProfile(db, userId, locale);
	const shared = (s: ProfileSkill): SharedSkill => ({
		name: s.name,
		level: s.level,
		sources: [...new Set(s.sources.map((x) => x.kind))]
	});
	return {
		visibility: own.visibility,
		profile: {
			area: own.area,
			availability: own.availability,
			remote: own.remote,
			skills: own.skills.filter((s) => s.groupId !== LANGUAGE_GROUP).map(shared),
			languages: own.skills.filter((s) => s.groupId === LANGUAGE_GROUP).map(shared)
		}
	};
}

export type ProfileResult = Result<object, 'no_skill' | 'no_group'>;

/**
 * Sets the learner's own levels for the skills a form showed: 1-3 declares (or changes) it,
 * 0 takes the self-declared level away. Courses and endorsements are untouched. All or nothing.
 */
export async function declareSkills(
	db: Db,
	userId: string,
	choices: { id: string; level: number }[],
	now = Date.now()
): Promise<ProfileResult> {
	const ids = choices.map((c) => c.id);
	// A skill an organization proposed is declared by nobody until an administrator accepts it.
	const known = await db
		.selectFrom('skill')
		.select('id')
		.where('id', 'in', ids)
		.where('proposed_by_org', 'is', null)
		.execute();
	if (known.length !== new Set(ids).size) return { ok: false, error: 'no_skill' };
	await db.transaction().execute(async (trx) => {
		for (const choice of choices) {
			if (choice.level === 0) {
				await trx
					.deleteFrom('user_skill')
					.where('user_id', '=', userId)
					.where('skill_id', '=', choice.id)
					.where('source', '=', 'self')
					.execute();
			} else {
				await trx
					.insertInto('user_skill')
					.values({
						user_id: userId,
						skill_id: choice.id,
						level: choice.level,
						source: 'self',
						source_ref: '',
						granted_at: now
					})
					.onConflict((oc) =>
						oc
							.columns(['user_id', 'skill_id', 'source', 'source_ref'])
							.doUpdateSet({ level: choice.level, granted_at: now })
					)
					.execute();
			}
		}
	});
	return { ok: true };
}

/** Saves area, availability, remote, interests and visibility; a change of visibility applies at once. */
export async function saveProfileDetails(
	db: Db,
	userId: string,
	details: ProfileDetails,
	now = Date.now()
): Promise<ProfileResult> {
	if (details.interests.length) {
		const groups = await db
			.selectFrom('skill_group')
			.select('id')
			.where('id', 'in', details.interests)
			.execute();
		if (groups.length !== new Set(details.interests).size) return { ok: false, error: 'no_group' };
	}
	const values = {
		area: details.area,
		availability: JSON.stringify(details.availability),
		remote_ok: details.remote ? 1 : 0,
		interests: JSON.stringify([...new Set(details.interests)]),
		visibility: details.visibility,
		updated_at: now
	};
	await db
		.insertInto('learner_profile')
		.values({ user_id: userId, ...values })
		.onConflict((oc) => oc.column('user_id').doUpdateSet(values))
		.execute();
	return { ok: true };
}

/** Who may see a profile, from fewest to most: "only organizations I apply to" shows it to fewer than "vetted organizations". */
const VISIBILITY_REACH: Record<ProfileDetails['visibility'], number> = {
	hidden: 0,
	applied: 1,
	vetted: 2
};

export type DetailsResult = ProfileResult | NotConfirmed | { ok: false; error: 'password_needed' };

/**
 * The learner's own change of their details (the profile page). Showing the profile to more
 * organizations than before asks for the password again (auth/confirm.ts), so that someone
 * holding the learner's open session cannot expose them; keeping or narrowing it does not.
 */
export async function changeProfileDetails(
	db: Db,
	userId: string,
	details: ProfileDetails,
	password: string | null,
	now = Date.now()
): Promise<DetailsResult> {
	const row = await db
		.selectFrom('learner_profile')
		.select('visibility')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (VISIBILITY_REACH[details.visibility] > VISIBILITY_REACH[row?.visibility ?? 'hidden']) {
		if (!password) return { ok: false, error: 'password_needed' };
		const confirmed = await confirmPassword(db, userId, password, now);
		if (!confirmed.ok) return confirmed;
	}
	return saveProfileDetails(db, userId, details, now);
}

/** Skill names by id, in the reader's language. */
export async function skillNames(
	db: Db,
	ids: string[],
	locale: Locale
): Promise<Record<string, string>> {
	if (ids.length === 0) return {};
	const rows = await db
		.selectFrom('skill')
		.select(['id', 'name_my', 'name_en'])
		.where('id', 'in', ids)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.id, pick(locale, r.name_my, r.name_en)]));
}
