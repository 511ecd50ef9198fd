/** A skill's levels: 1 basic, 2 working, 3 can teach (0, "not yet", is no level held). */
export const SKILL_LEVELS = [1, 2, 3] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** The levels as a form sends them. */
export const SKILL_LEVEL_FIELDS = SKILL_LEVELS.map(String) as [
	`${SkillLevel}`,
	...`${SkillLevel}`[]
];

/** The names of the levels in a skill's description (content/skills/, the skill form). */
export const LEVEL_NAMES = ['basic', 'working', 'teach'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];

/** Where a learner's skill comes from: their own word, a completed course, a vetted organization. */
export const SKILL_SOURCES = ['self', 'course', 'endorsement', 'training'] as const;
export type SkillSource = (typeof SKILL_SOURCES)[number];

/** What a person did before that suggests skills: a service trade, or household work. */
export const BACKGROUND_KINDS = ['service', 'household'] as const;
export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];
