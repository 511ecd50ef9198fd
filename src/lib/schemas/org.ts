import { z } from 'zod';
import { code, nameText, plainText } from './fields';
import { ORG_AREAS } from '$lib/vocab/areas';
import { ORG_DECISIONS, ORG_KINDS } from '$lib/vocab/orgs';

/** Checkboxes `area_<id>` for each area the organization works in. */
const areaFields = Object.fromEntries(
	ORG_AREAS.map((area) => [`area_${area}`, z.literal('on', { error: 'error_choice' }).optional()])
);

export const orgApplicationSchema = z
	.object({
		name: nameText(2, 120, 'error_name_short'),
		kind: z.enum(ORG_KINDS, { error: 'error_choice' }),
		description: plainText(0, 2000),
		...areaFields
	})
	.transform(({ name, kind, description, ...areas }) => ({
		name,
		kind,
		description,
		areas: ORG_AREAS.filter((area) => (areas as Record<string, unknown>)[`area_${area}`] === 'on')
	}));

export const orgDecisionSchema = z.object({
	decision: z.enum(ORG_DECISIONS, { error: 'error_choice' }),
	note: plainText(0, 500)
});

/** An owner or administrator removes a member, named by their username (what the members list shows). */
export const removeMemberSchema = z.object({
	member: z.string({ error: 'error_required' }).min(1, 'error_required').max(64, 'error_too_long')
});

/** An unused invitation to revoke, by its id (the code itself is never kept). */
export const revokeInvitationSchema = z.object({
	invitation: z.string({ error: 'error_required' }).regex(/^[a-z2-7]{20,40}$/, 'error_choice')
});

export const joinOrgSchema = z.object({
	code
});
