import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { createService } from '$lib/server/services/editing';
import { serviceDetailsSchema } from '$lib/schemas/service';
import type { Actions } from './$types';
import { signedInUser } from '$lib/server/http/user';
import { refuse } from '$lib/server/http/respond';

export const actions = {
	create: async ({ request, locals }) => {
		const form = await readForm(request, serviceDetailsSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await createService(getDb(), signedInUser(locals).id, form.data);
		if (!result.ok)
			return refuse(locals.locale, 403, `error_service_${result.error}`, { values: form.values });
		redirect(303, `/org/services/${result.id}`);
	}
} satisfies Actions;
