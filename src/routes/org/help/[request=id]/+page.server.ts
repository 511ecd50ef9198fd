import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { orgRequest, setRequestStatus } from '$lib/server/services/requests';
import { proposeReferral, referralsOf, referralTargets } from '$lib/server/services/referrals';
import { helpStatusSchema, referralSchema } from '$lib/schemas/help';
import { helpMessageAction } from '$lib/server/http/message-action';
import { badgeFor } from '$lib/server/news';
import { requestProfile } from '$lib/server/services/profile-sharing';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const user = signedInUser(locals);
	const request = await orgRequest(getDb(), user.id, params.request);
	if (!request) notFound(locals.locale, 'error_help_no_request');
	return {
		request,
		referrals: await referralsOf(getDb(), request.id),
		targets: request.status === 'closed' ? [] : await referralTargets(getDb(), request.serviceId),
		// Only while the learner chooses to show it (services/profile-sharing.ts).
		profile: await requestProfile(getDb(), user.id, request.id, locals.locale),
		badge: await badgeFor(getDb(), user)
	};
}) satisfies PageServerLoad;

export const actions = {
	message: helpMessageAction,
	status: async ({ params, request, locals }) => {
		const form = await readForm(request, helpStatusSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'status', errors: form.errors });
		const result = await setRequestStatus(
			getDb(),
			signedInUser(locals).id,
			params.request,
			form.data.status
		);
		if (!result.ok && result.error === 'no_request')
			notFound(locals.locale, 'error_help_no_request');
		if (!result.ok) return refuse(locals.locale, 409, 'error_help_closed', { action: 'status' });
		return { action: 'status', done: true };
	},
	refer: async ({ params, request, locals }) => {
		const form = await readForm(request, referralSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'refer', values: form.values, errors: form.errors });
		const result = await proposeReferral(
			getDb(),
			signedInUser(locals).id,
			params.request,
			form.data.service,
			form.data.messageIds
		);
		if (!result.ok && result.error === 'no_request')
			notFound(locals.locale, 'error_help_no_request');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_help_referral_${result.error}`, {
				action: 'refer',
				values: form.values
			});
		return { action: 'refer', proposed: true };
	}
} satisfies Actions;
