import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { moveService, updateService } from '$lib/server/services/editing';
import { orgService, serviceFormValues } from '$lib/server/services/organization';
import { serviceDetailsSchema, serviceMoveSchema } from '$lib/schemas/service';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const service = await orgService(getDb(), signedInUser(locals).id, params.service);
	if (!service) notFound(locals.locale, 'error_service_no_service');
	return { service, values: serviceFormValues(service) };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) => {
		const form = await readForm(request, serviceDetailsSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		const result = await updateService(getDb(), signedInUser(locals).id, params.service, form.data);
		if (!result.ok && result.error === 'no_service')
			notFound(locals.locale, 'error_service_no_service');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_service_${result.error}`, {
				action: 'save',
				values: form.values
			});
		return { action: 'save', done: true };
	},
	move: async ({ params, request, locals }) => {
		const form = await readForm(request, serviceMoveSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'move', errors: form.errors });
		const result = await moveService(
			getDb(),
			signedInUser(locals).id,
			params.service,
			form.data.move
		);
		if (!result.ok && result.error === 'no_service')
			notFound(locals.locale, 'error_service_no_service');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_service_${result.error}`, { action: 'move' });
		return { action: 'move', done: true };
	}
} satisfies Actions;
