import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { reviewTraining, trainingForReview } from '$lib/server/trainings/review';
import { roleReviewSchema } from '$lib/schemas/role';
import { withdrawSchema } from '$lib/schemas/application';
import { removeExample } from '$lib/server/orgs/examples';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const training = await trainingForReview(getDb(), params.training, locals.locale);
	if (!training) notFound(locals.locale, 'error_training_no_training');
	return { training };
}) satisfies PageServerLoad;

export const actions = {
	review: async ({ params, request, locals }) => {
		const form = await readForm(request, roleReviewSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await reviewTraining(
			getDb(),
			signedInUser(locals).id,
			params.training,
			form.data.decision,
			form.data.note
		);
		if (!result.ok && result.error === 'no_training')
			notFound(locals.locale, 'error_training_no_training');
		if (!result.ok)
			return refuse(locals.locale, 409, 'error_training_not_allowed', { values: form.values });
		return { done: true };
	},
	/** The starter data's example training, removed for good (asked first). */
	removeExample: async ({ params, request, locals }) => {
		const form = await readForm(request, withdrawSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await removeExample(
			getDb(),
			'training',
			signedInUser(locals).id,
			params.training
		);
		if (!result.ok) return refuse(locals.locale, 409, `error_training_${result.error}`);
		redirect(303, '/admin/trainings?removed=example');
	}
} satisfies Actions;
