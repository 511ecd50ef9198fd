/**
 * From what a person did before to skills: a learner picks a kind of work (a trade in the
 * military or police, or household and livelihood work) and sees the skills people who did it
 * often have, each with its usual level. Nothing is claimed for them: the profile page starts
 * every suggestion at "not mine", and the learner taps the level of each one they have (one tap
 * on save must never claim ten skills). The choice of work is never stored, and nothing asks
 * for rank, unit, badge number or place of service: only the skills the learner chooses are kept.
 */
import type { Db } from '../db';
import type { BackgroundKind, Locale } from '../schema';
import { getSkillGroup, type SkillChoice } from './profile';
import { pickText as pick } from '../../format';

export async function listBackgrounds(
	db: Db,
	locale: Locale
): Promise<{ id: string; kind: BackgroundKind; name: string }[]> {
	const rows = await db.selectFrom('background').selectAll().orderBy('position').execute();
	return rows.map((r) => ({ id: r.id, kind: r.kind, name: pick(locale, r.name_my, r.name_en) }));
}

export interface Suggestion extends SkillChoice {
	/** The level people who did this work often have: shown as a hint, never chosen for the learner. */
	usual: number;
	/** The level the learner gave this skill themselves; 0 ("not mine") until they choose one. */
	chosen: number;
}

/**
 * The skills suggested for a background to `userId`, unclaimed: each with the level usual for
 * the work and the one the learner chose (0 until they do). Null when there is no such background.
 */
export async function suggestSkills(
	db: Db,
	backgroundId: string,
	locale: Locale,
	userId: string
): Promise<{ name: string; skills: Suggestion[] } | null> {
	const background = await db
		.selectFrom('background')
		.selectAll()
		.where('id', '=', backgroundId)
		.executeTakeFirst();
	if (!background) return null;
	const rows = await db
		.selectFrom('background_skill')
		.innerJoin('skill', 'skill.id', 'background_skill.skill_id')
		.leftJoin('skill_group', 'skill_group.id', 'skill.group_id')
		.select(['skill.id', 'skill.group_id', 'background_skill.level'])
		.where('background_skill.background_id', '=', backgroundId)
		.orderBy('skill_group.position')
		.orderBy('skill.position')
		.execute();
	const own = await db
		.selectFrom('user_skill')
		.select(['skill_id', 'level'])
		.where('user_id', '=', userId)
		.where('source', '=', 'self')
		.execute();
	const chosen = new Map(own.map((s) => [s.skill_id, s.level]));
	const groups = new Map<string, Awaited<ReturnType<typeof getSkillGroup>>>();
	const skills: Suggestion[] = [];
	for (const row of rows) {
		const groupId = row.group_id ?? '';
		if (!groups.has(groupId))
			groups.set(groupId, groupId ? await getSkillGroup(db, groupId, locale) : null);
		const choice = groups.get(groupId)?.skills.find((s) => s.id === row.id);
		if (choice) skills.push({ ...choice, usual: row.level, chosen: chosen.get(row.id) ?? 0 });
	}
	return { name: pick(locale, background.name_my, background.name_en), skills };
}
