/** How long a skill's texts may be, as in the taxonomy files. Kept apart from the zod schemas so pages import no zod. */
export const SKILL_NAME_MAX = 60;
export const SKILL_LEVEL_MAX = 140;
