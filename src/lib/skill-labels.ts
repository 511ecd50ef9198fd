import * as m from '$lib/paraglide/messages';

// Apart from the courses' labels: the catalogue, which shows no skill level, does not carry these words.
export const skillLevels = { 1: m.skill_level_1, 2: m.skill_level_2, 3: m.skill_level_3 } as Record<
	number,
	() => string
>;

/** "Not yet", "Basic", "Working", "Can teach": a level's name, 0 for a skill not held. */
export const skillLevelName = (level: number) =>
	level === 0 ? m.skill_level_0() : (skillLevels[level]?.() ?? String(level));
