import { z } from 'zod';
import { plainText } from './fields';
import { isRowId } from '$lib/ids';
import { REQUEST_STATUSES, REQUEST_URGENCIES, SERVICE_KINDS } from '$lib/vocab/services';

/** A learner asks a service privately: what help, how urgent, and a message. */
export const helpAskSchema = z.object({
	kind: z.enum(SERVICE_KINDS, { error: 'error_choice' }),
	urgency: z.enum(REQUEST_URGENCIES, { error: 'error_choice' }),
	message: plainText(1, 2000)
});

/** The organization marks its request open, in progress or closed. */
export const helpStatusSchema = z.object({
	status: z.enum(REQUEST_STATUSES, { error: 'error_choice' })
});

/** Closing a request is final: only from the confirmation's own form, which sends confirm=yes. */
/** The learner shows (yes) or stops showing (no) their profile to the organization asked. */
export const helpShareSchema = z.object({
	share: z.enum(['yes', 'no'], { error: 'error_choice' })
});

export const helpCloseSchema = z.object({ confirm: z.literal('yes', { error: 'error_choice' }) });

/**
 * A referral: the service to pass the request on to, and `word_<message id>` ticked for each of
 * the learner's messages that would go with it (at least one).
 */
export const referralSchema = z
	.object({
		service: z.string({ error: 'error_choice' }).refine(isRowId, 'error_choice')
	})
	.catchall(z.literal('on', { error: 'error_choice' }))
	.superRefine((v, ctx) => {
		const words = Object.keys(v).filter((k) => k !== 'service');
		if (words.some((k) => !/^word_[a-z0-9]{8,40}$/.test(k)))
			ctx.addIssue({ code: 'custom', message: 'error_form', path: ['form'] });
		if (words.length === 0 || words.length > 200)
			ctx.addIssue({ code: 'custom', message: 'error_referral_words', path: ['words'] });
	})
	.transform((v) => ({
		service: v.service,
		messageIds: Object.keys(v)
			.filter((k) => k.startsWith('word_'))
			.map((k) => k.slice('word_'.length))
	}));

/** The learner agrees to a referral or declines it. */
export const referralDecisionSchema = z.object({
	referral: z.string({ error: 'error_choice' }).refine(isRowId, 'error_choice'),
	decision: z.enum(['agree', 'decline'], { error: 'error_choice' })
});
