import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { learnerClosesHelp, learnerRequest } from '$lib/server/services/requests';
import { decideReferral, referralsOf } from '$lib/server/services/referrals';
import { helpCloseSchema, helpShareSchema, referralDecisionSchema } from '$lib/schemas/help';
import { shareProfileForRequest } from '$lib/server/services/profile-sharing';
import { helpMessageAction } from '$lib/server/http/message-action';
import { badgeFor } from '$lib/server/news';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const user = signedInUser(locals);
	const request = await learnerRequest(getDb(), user.id, params.request);
	if (!request) notFound(locals.locale, 'error_help_no_request');
	return {
		request,
		referrals: await referralsOf(getDb(), request.id),
		badge: await badgeFor(getDb(), user)
	};
}) satisfies PageServerLoad;

export const actions = {
	message: helpMessageAction,
	close: async ({ params, request, locals }) => {
		const form = await readForm(request, helpCloseSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'close', errors: form.errors });
		const result = await learnerClosesHelp(getDb(), signedInUser(locals).id, params.request);
		if (!result.ok && result.error === 'no_request')
			notFound(locals.locale, 'error_help_no_request');
		if (!result.ok) return refuse(locals.locale, 409, 'error_help_closed', { action: 'close' });
		return { action: 'close', done: true };
	},
	share: async ({ params, request, locals }) => {
		const form = await readForm(request, helpShareSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'share', errors: form.errors });
		const result = await shareProfileForRequest(
			getDb(),
			signedInUser(locals).id,
			params.request,
			form.data.share === 'yes'
		);
		if (!result.ok && result.error === 'no_request')
			notFound(locals.locale, 'error_help_no_request');
		if (!result.ok) return refuse(locals.locale, 409, 'error_help_closed', { action: 'share' });
		return { action: 'share', done: true };
	},
	referral: async ({ request, locals }) => {
		const form = await readForm(request, referralDecisionSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'referral', errors: form.errors });
		const result = await decideReferral(
			getDb(),
			signedInUser(locals).id,
			form.data.referral,
			form.data.decision === 'agree'
		);
		if (!result.ok && result.error === 'no_referral')
			notFound(locals.locale, 'error_help_no_referral');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_help_referral_${result.error}`, {
				action: 'referral'
			});
		return { action: 'referral', decided: form.data.decision };
	}
} satisfies Actions;
