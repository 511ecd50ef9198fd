import { fail, redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/accounts/credentials';
import { homeFor } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { refused, tooManyTries } from '$lib/server/respond';
import { changePasswordSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({
	mustChange: locals.user!.must_change_password === 1
})) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, changePasswordSchema, locals.locale, ['current', 'next']);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await changePassword(getDb(), locals.user!.id, locals.session!.id, form.data);
		if (!result.ok) {
			if (result.error === 'locked')
				return tooManyTries(event, locals.locale, result.retryAfterMs!, {});
			return refused(
				locals.locale,
				result.error,
				{},
				result.error === 'wrong_password' ? 'current' : 'next'
			);
		}
		if (locals.user!.must_change_password) redirect(303, homeFor(locals.user!.kind));
		return { done: true };
	}
} satisfies Actions;
