import * as m from '$lib/paraglide/messages';
import type { SkillLevel } from './skills';

/** Looked up by the levels stored as numbers; every level has its name (`satisfies`). */
export const skillLevels: Readonly<Record<number, () => string>> = {
	1: m.skill_level_1,
	2: m.skill_level_2,
	3: m.skill_level_3
} satisfies Record<SkillLevel, () => string>;

/** "Not yet", "Basic", "Working", "Can teach": a level's name, 0 for a skill not held. */
export const skillLevelName = (level: number) =>
	level === 0 ? m.skill_level_0() : (skillLevels[level]?.() ?? String(level));
