import { SKILL_ID } from '$lib/ids';
import { z } from 'zod';
import { BACKGROUND_KINDS, type LevelName } from '../vocab/skills';

/**
 * Schemas for the curated skill taxonomy in `content/skills/` (one file per group) and the
 * crosswalk from what a person did before to suggested skills (`content/skills/backgrounds.json`).
 * Strict objects: a misspelt key fails validation instead of being dropped.
 */

export const skillId = z.string().regex(SKILL_ID, 'must be lower-case letters, digits and _');
const groupId = z.string().regex(SKILL_ID, 'must be lower-case letters, digits and _');

/** Burmese (with Myanmar letters) and English, each non-empty and at most `max` characters. */
const text = (max: number) =>
	z.strictObject({
		my: z
			.string()
			.trim()
			.min(1)
			.max(max)
			.regex(/[\u1000-\u109f]/, 'must be Burmese in Myanmar Unicode'),
		en: z.string().trim().min(1).max(max)
	});

/** The three levels every skill has, each described in plain words. */
export const skillLevels = z.strictObject({
	basic: text(140),
	working: text(140),
	teach: text(140)
} satisfies Record<LevelName, unknown>);

export const taxonomySkill = z.strictObject({ id: skillId, name: text(60), levels: skillLevels });

export const skillGroupFileSchema = z.strictObject({
	id: groupId,
	order: z.int().min(1),
	name: text(60),
	skills: z.array(taxonomySkill).min(1)
});

export const backgroundsFileSchema = z.strictObject({
	backgrounds: z
		.array(
			z.strictObject({
				id: skillId,
				kind: z.enum(BACKGROUND_KINDS),
				name: text(80),
				skills: z.array(z.strictObject({ id: skillId, level: z.int().min(1).max(3) })).min(1)
			})
		)
		.min(1)
});

export type SkillGroupFile = z.infer<typeof skillGroupFileSchema>;
export type BackgroundsFile = z.infer<typeof backgroundsFileSchema>;
export type SkillLevels = z.infer<typeof skillLevels>;
