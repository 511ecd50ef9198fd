import { z } from 'zod';
import { nameText, plainText } from './fields';
import { ORG_AREAS } from '$lib/vocab/areas';
import {
	SERVICE_AUDIENCES,
	SERVICE_KINDS,
	SERVICE_LANGUAGES,
	SERVICE_MOVES,
	SERVICE_REMOTE
} from '$lib/vocab/services';

/**
 * Short texts: the whole directory, in both languages, is kept on people's phones (a budget of
 * 20 KB compressed for 200 services, docs/benchmarks.md), so a service says what it does in a
 * few lines; the conversation happens in a private request.
 */
export const SERVICE_DESCRIPTION_MAX = 400;

/** Checkboxes `lang_<code>` for the languages spoken. */
const languageFields = Object.fromEntries(
	SERVICE_LANGUAGES.map((l) => [`lang_${l}`, z.literal('on', { error: 'error_choice' }).optional()])
);

/** A service's details. One language per pair is enough, as for roles; at least one language spoken. */
export const serviceDetailsSchema = z
	.object({
		kind: z.enum(SERVICE_KINDS, { error: 'error_choice' }),
		audience: z.enum(SERVICE_AUDIENCES, { error: 'error_choice' }),
		area: z.enum([...ORG_AREAS, SERVICE_REMOTE], { error: 'error_choice' }),
		name_my: nameText(0, 100),
		name_en: nameText(0, 100),
		description_my: plainText(0, SERVICE_DESCRIPTION_MAX),
		description_en: plainText(0, SERVICE_DESCRIPTION_MAX),
		...languageFields,
		cost: z.enum(['free', 'paid'], { error: 'error_choice' }),
		hours: plainText(0, 120),
		walk_in: plainText(0, 200),
		contact: plainText(0, 120)
	})
	.superRefine((v, ctx) => {
		if (!v.name_my && !v.name_en)
			ctx.addIssue({ code: 'custom', message: 'error_one_language', path: ['name_my'] });
		if (!v.description_my && !v.description_en)
			ctx.addIssue({ code: 'custom', message: 'error_one_language', path: ['description_my'] });
		if (!SERVICE_LANGUAGES.some((l) => (v as Record<string, unknown>)[`lang_${l}`] === 'on'))
			ctx.addIssue({ code: 'custom', message: 'error_service_languages', path: ['languages'] });
	})
	.transform((v) => ({
		kind: v.kind,
		audience: v.audience,
		area: v.area,
		nameMy: v.name_my,
		nameEn: v.name_en,
		descriptionMy: v.description_my,
		descriptionEn: v.description_en,
		languages: SERVICE_LANGUAGES.filter(
			(l) => (v as Record<string, unknown>)[`lang_${l}`] === 'on'
		),
		free: v.cost === 'free',
		hours: v.hours,
		walkIn: v.walk_in,
		contact: v.contact
	}));

export const serviceMoveSchema = z.object({
	move: z.enum(SERVICE_MOVES, { error: 'error_choice' })
});
