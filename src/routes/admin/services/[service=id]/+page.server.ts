import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { reviewService, serviceForReview } from '$lib/server/services/review';
import { removeExample } from '$lib/server/orgs/examples';
import { roleReviewSchema } from '$lib/schemas/role';
import { withdrawSchema } from '$lib/schemas/application';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const service = await serviceForReview(getDb(), params.service);
	if (!service) notFound(locals.locale, 'error_service_no_service');
	return { service };
}) satisfies PageServerLoad;

export const actions = {
	review: async ({ params, request, locals }) => {
		const form = await readForm(request, roleReviewSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await reviewService(
			getDb(),
			signedInUser(locals).id,
			params.service,
			form.data.decision,
			form.data.note
		);
		if (!result.ok && result.error === 'no_service')
			notFound(locals.locale, 'error_service_no_service');
		if (!result.ok)
			return refuse(locals.locale, 409, 'error_service_not_allowed', { values: form.values });
		// Returned, it is the organization's draft again, which this page does not show: the list says it is done.
		if (form.data.decision === 'return') redirect(303, '/admin/services?returned=1');
		return { done: true };
	},
	/** An example service of the starter data, removed for good (asked first). */
	removeExample: async ({ params, request, locals }) => {
		const form = await readForm(request, withdrawSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await removeExample(getDb(), 'service', signedInUser(locals).id, params.service);
		if (!result.ok) return refuse(locals.locale, 409, `error_service_${result.error}`);
		redirect(303, '/admin/services?removed=example');
	}
} satisfies Actions;
