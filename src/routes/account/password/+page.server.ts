import { fail, redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/accounts/credentials';
import { homeFor } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { refuse, tooManyTries } from '$lib/server/http/respond';
import { changePasswordSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (({ locals }) => ({
	mustChange: signedInUser(locals).must_change_password === 1
})) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, changePasswordSchema, locals.locale, ['current', 'next']);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await changePassword(
			getDb(),
			signedInUser(locals).id,
			locals.session!.id,
			form.data
		);
		if (!result.ok) {
			if (result.error === 'locked')
				return tooManyTries(event, locals.locale, result.retryAfterMs!, { values: {} });
			return refuse(
				locals.locale,
				400,
				`error_${result.error}`,
				{ values: {} },
				{ field: result.error === 'wrong_password' ? 'current' : 'next' }
			);
		}
		if (signedInUser(locals).must_change_password)
			redirect(303, homeFor(signedInUser(locals).kind));
		return { done: true };
	}
} satisfies Actions;
