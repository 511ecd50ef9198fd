import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { createRole } from '$lib/server/roles/editing';
import { roleDetailsSchema } from '$lib/schemas/role';
import type { Actions } from './$types';
import { signedInUser } from '$lib/server/http/user';
import { refuse } from '$lib/server/http/respond';

export const actions = {
	default: async ({ request, locals }) => {
		const form = await readForm(request, roleDetailsSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await createRole(getDb(), signedInUser(locals).id, form.data);
		if (!result.ok)
			return refuse(locals.locale, 403, `error_role_${result.error}`, { values: form.values });
		redirect(303, `/org/roles/${result.id}`);
	}
} satisfies Actions;
