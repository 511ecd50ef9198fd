import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { createRole } from '$lib/server/roles/editing';
import { roleDetailsSchema } from '$lib/schemas/role';
import type { Actions } from './$types';

export const actions = {
	default: async ({ request, locals }) => {
		const form = await readForm(request, roleDetailsSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await createRole(getDb(), locals.user!.id, form.data);
		if (!result.ok)
			return fail(403, {
				values: form.values,
				errors: { form: translate(`error_role_${result.error}`, locals.locale) } as Record<
					string,
					string
				>
			});
		redirect(303, `/org/roles/${result.id}`);
	}
} satisfies Actions;
