/**
 * From what a person did before to skills: a learner picks a kind of work (a trade in the
 * military or police, or household and livelihood work) and gets suggested skills and levels
 * to confirm or change. The choice itself is never stored, and nothing asks for rank, unit,
 * badge number or place of service: only the skills the learner confirms are kept.
 */
import type { Db } from '../db';
import type { BackgroundKind, Locale } from '../schema';
import { getSkillGroup, type SkillChoice } from './profile';
import { pickText as pick } from '../../format';


export async function listBackgrounds(db: Db, locale: Locale): Promise<{ id: string; kind: BackgroundKind; name: string }[]> {
	const rows = await db.selectFrom('background').selectAll().orderBy('position').execute();
	return rows.map((r) => ({ id: r.id, kind: r.kind, name: pick(locale, r.name_my, r.name_en) }));
}

export interface Suggestion extends SkillChoice {
	level: number;
}

/** The skills suggested for a background, with their levels; null when there is no such background. */
export async function suggestSkills(db: Db, backgroundId: string, locale: Locale): Promise<{ name: string; skills: Suggestion[] } | null> {
	const background = await db.selectFrom('background').selectAll().where('id', '=', backgroundId).executeTakeFirst();
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
	const groups = new Map<string, Awaited<ReturnType<typeof getSkillGroup>>>();
	const skills: Suggestion[] = [];
	for (const row of rows) {
		const groupId = row.group_id ?? '';
		if (!groups.has(groupId)) groups.set(groupId, groupId ? await getSkillGroup(db, groupId, locale) : null);
		const choice = groups.get(groupId)?.skills.find((s) => s.id === row.id);
		if (choice) skills.push({ ...choice, level: row.level });
	}
	return { name: pick(locale, background.name_my, background.name_en), skills };
}
