import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { reviewRole, roleForReview } from '$lib/server/roles/review';
import { roleReviewSchema } from '$lib/schemas/role';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { role: roleId } = params;
	const role = await roleForReview(getDb(), roleId, locals.locale);
	if (!role) notFound(locals.locale, 'error_no_role');
	return { role };
}) satisfies PageServerLoad;

export const actions = {
	review: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, roleReviewSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await reviewRole(
			getDb(),
			signedInUser(locals).id,
			role,
			form.data.decision,
			form.data.note
		);
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok)
			return refuse(locals.locale, 409, 'error_role_not_allowed', { values: form.values });
		return { done: true };
	}
} satisfies Actions;
