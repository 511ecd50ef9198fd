import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { createTraining } from '$lib/server/trainings/editing';
import { trainingDetailsSchema } from '$lib/schemas/training';
import { sessionRowsOf } from '$lib/training-rows';
import type { Actions } from './$types';
import { signedInUser } from '$lib/server/http/user';
import { refuse } from '$lib/server/http/respond';

export const actions = {
	default: async ({ request, locals }) => {
		const form = await readForm(request, trainingDetailsSchema, locals.locale);
		// "More rows for sessions": the same form back, with room for more days, nothing written.
		if (form.values.more === 'rows')
			return { values: form.values, rows: sessionRowsOf(form.values, true) };
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await createTraining(getDb(), signedInUser(locals).id, {
			...form.data,
			skills: []
		});
		if (!result.ok)
			return refuse(locals.locale, 403, `error_training_${result.error}`, { values: form.values });
		redirect(303, `/org/trainings/${result.id}`);
	}
} satisfies Actions;
