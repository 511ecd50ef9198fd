import { SKILL_ID } from '$lib/ids';
import { z } from 'zod';
import { checkbox, plainText } from './fields';
import { APPLICATION_DECISIONS } from '../vocab/applications';
import { SKILL_LEVEL_FIELDS } from '../vocab/skills';

/** An application: an optional message, and whether to share a hidden profile with the organization for it. */
export const applySchema = z.object({ message: plainText(0, 1000), share_profile: checkbox });
/** Share the profile with the organization of one application ("yes"), or stop ("no"). */
export const shareProfileSchema = z.object({
	share: z.enum(['yes', 'no'], { error: 'error_choice' }).transform((v) => v === 'yes')
});
export const withdrawSchema = z.object({ confirm: z.literal('yes', { error: 'error_choice' }) });
export const decideApplicationSchema = z.object({
	decision: z.enum(APPLICATION_DECISIONS, { error: 'error_choice' }),
	note: plainText(0, 1000)
});
export const messageSchema = z.object({ body: plainText(1, 2000) });
/** The learner closes, reopens, mutes or unmutes an application's message thread. */
export const threadSchema = z.object({
	change: z.enum(['close', 'reopen', 'mute', 'unmute'], { error: 'error_choice' })
});
export const endorseSchema = z.object({
	skill: z.string().regex(SKILL_ID, 'error_no_skill'),
	level: z.enum(SKILL_LEVEL_FIELDS, { error: 'error_choice' }).transform(Number)
});
