import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { listedService } from '$lib/server/services/directory';
import { askForHelp } from '$lib/server/services/requests';
import { helpAskSchema } from '$lib/schemas/help';
import { DAY_MS } from '$lib/server/quotas';
import { formatHours } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const service = await listedService(getDb(), params.service);
	if (!service || service.example) notFound(locals.locale, 'error_service_no_service');
	return { service };
}) satisfies PageServerLoad;

export const actions = {
	ask: async ({ params, request, locals, setHeaders }) => {
		const form = await readForm(request, helpAskSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await askForHelp(getDb(), signedInUser(locals).id, params.service, form.data);
		if (!result.ok && result.error === 'no_service')
			notFound(locals.locale, 'error_service_no_service');
		if (!result.ok && result.error === 'quota') {
			const wait = result.retryAfterMs ?? DAY_MS;
			setHeaders({ 'retry-after': String(Math.ceil(wait / 1000)) });
			return refuse(
				locals.locale,
				429,
				'error_quota_messages',
				{ values: form.values },
				{ field: 'message', inputs: { hours: formatHours(wait, locals.locale) } }
			);
		}
		if (!result.ok) return refuse(locals.locale, 403, 'error_help_not_learner');
		redirect(303, `/learn/help/${result.id}`);
	}
} satisfies Actions;
