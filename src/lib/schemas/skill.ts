import { SKILL_ID } from '$lib/ids';
import { z } from 'zod';
import { nameText, plainText } from './fields';
import { SKILL_LEVEL_MAX, SKILL_NAME_MAX } from '../skill-limits';

/**
 * An administrator's skill form, the same for adding and for editing: the group, the name and
 * what each of the three levels means, every text in Burmese and in English, as the taxonomy
 * files have them (so an edited skill could go back into `content/skills/` as it is).
 * Messages are keys of the message catalogue.
 */

const MYANMAR = /[\u1000-\u109f]/;

const burmese = (max: number, text = plainText) =>
	text(1, max).refine((v) => MYANMAR.test(v), 'error_burmese_letters');
const english = (max: number, text = plainText) => text(1, max);

export const skillFormSchema = z
	.object({
		group: z.string({ error: 'error_choice' }).regex(SKILL_ID, 'error_choice'),
		name_my: burmese(SKILL_NAME_MAX, nameText),
		// The skill's id is made from its English name.
		name_en: english(SKILL_NAME_MAX, nameText).refine(
			(v) => /[a-z0-9]/i.test(v),
			'error_skill_name_latin'
		),
		basic_my: burmese(SKILL_LEVEL_MAX),
		basic_en: english(SKILL_LEVEL_MAX),
		working_my: burmese(SKILL_LEVEL_MAX),
		working_en: english(SKILL_LEVEL_MAX),
		teach_my: burmese(SKILL_LEVEL_MAX),
		teach_en: english(SKILL_LEVEL_MAX)
	})
	.transform((v) => ({
		group: v.group,
		name: { my: v.name_my, en: v.name_en },
		levels: {
			basic: { my: v.basic_my, en: v.basic_en },
			working: { my: v.working_my, en: v.working_en },
			teach: { my: v.teach_my, en: v.teach_en }
		}
	}));

export type SkillInput = z.output<typeof skillFormSchema>;

/** A skill's address: taxonomy ids, and those courses made (which may start with a digit). */

/** Which group the list shows; anything else shows none. */
export const skillListQuery = z.object({
	group: z.string().regex(SKILL_ID).optional().catch(undefined),
	added: z.string().regex(SKILL_ID).optional().catch(undefined)
});
