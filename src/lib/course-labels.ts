import * as m from '$lib/paraglide/messages';

export const categoryLabels = {
	vocational: m.category_vocational,
	computer: m.category_computer,
	language: m.category_language
};

export const audienceLabels = {
	everyone: m.audience_everyone,
	families: m.audience_families,
	former_soldiers: m.audience_former_soldiers
};

export const skillLevels = { 1: m.skill_level_1, 2: m.skill_level_2, 3: m.skill_level_3 } as Record<number, () => string>;

/** "Not yet", "Basic", "Working", "Can teach": a level's name, 0 for a skill not held. */
export const skillLevelName = (level: number) => (level === 0 ? m.skill_level_0() : (skillLevels[level]?.() ?? String(level)));
