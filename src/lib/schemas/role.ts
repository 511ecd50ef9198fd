import { SKILL_ID } from '$lib/ids';
import { z } from 'zod';
import { nameText, plainText } from './fields';
import { ORG_AREAS } from '$lib/vocab/areas';
import { AVAILABILITY } from '$lib/vocab/profile';
import { REVIEW_DECISIONS, ROLE_KINDS, ROLE_MOVES } from '$lib/vocab/roles';
import { SKILL_LEVEL_FIELDS } from '$lib/vocab/skills';
import { asciiDigits } from '$lib/format';

/** A calendar day typed or picked as YYYY-MM-DD (in Burmese or ASCII digits), or nothing. */
const day = z
	.string()
	.trim()
	.transform(asciiDigits)
	.refine(
		(v) =>
			v === '' ||
			(/^\d{4}-\d{2}-\d{2}$/.test(v) &&
				!Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
				new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
		'error_date'
	)
	.transform((v) => (v === '' ? null : v));

/** A role's texts and details (its skills are chosen one by one). One language per pair is enough. */
export const roleDetailsSchema = z
	.object({
		kind: z.enum(ROLE_KINDS, { error: 'error_choice' }),
		title_my: nameText(0, 120),
		title_en: nameText(0, 120),
		description_my: plainText(0, 3000),
		description_en: plainText(0, 3000),
		safety_my: plainText(0, 1000),
		safety_en: plainText(0, 1000),
		area: z.enum([...ORG_AREAS, ''], { error: 'error_choice' }),
		remote: z.literal('on', { error: 'error_choice' }).optional(),
		availability: z.enum(AVAILABILITY, { error: 'error_choice' }),
		pay: plainText(0, 120),
		seats: z
			.string()
			.trim()
			.transform(asciiDigits)
			.pipe(z.string().regex(/^[1-9]\d{0,2}$/, 'error_seats'))
			.transform(Number),
		starts_on: day,
		closes_on: day
	})
	.superRefine((v, ctx) => {
		if (!v.title_my && !v.title_en)
			ctx.addIssue({ code: 'custom', message: 'error_one_language', path: ['title_my'] });
		if (!v.description_my && !v.description_en)
			ctx.addIssue({ code: 'custom', message: 'error_one_language', path: ['description_my'] });
		if (!v.area && v.remote !== 'on')
			ctx.addIssue({ code: 'custom', message: 'error_role_where', path: ['area'] });
	})
	.transform((v) => ({
		kind: v.kind,
		title: { my: v.title_my, en: v.title_en },
		description: { my: v.description_my, en: v.description_en },
		safety: { my: v.safety_my, en: v.safety_en },
		area: v.area || null,
		remote: v.remote === 'on',
		availability: v.availability,
		pay: v.pay,
		seats: v.seats,
		startsOn: v.starts_on,
		closesOn: v.closes_on
	}));

export const roleSkillSchema = z.object({
	skill: z.string().regex(SKILL_ID, 'error_no_skill'),
	level: z.enum(SKILL_LEVEL_FIELDS, { error: 'error_choice' }).transform(Number),
	need: z
		.enum(['required', 'preferred'], { error: 'error_choice' })
		.transform((v) => v === 'required')
});

/** A skill taken off a role or a training. */
export const roleSkillRemoveSchema = z.object({
	skill: z.string().regex(SKILL_ID, 'error_no_skill')
});
export const roleMoveSchema = z.object({
	move: z.enum(ROLE_MOVES, { error: 'error_choice' })
});
export const roleReviewSchema = z.object({
	decision: z.enum(REVIEW_DECISIONS, { error: 'error_choice' }),
	note: plainText(0, 500)
});
