import { fail } from '@sveltejs/kit';
import { signUp } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { describeBrowser, SESSION_TTL_MS } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { sharedPhoneChoice } from '$lib/server/shared-phone';
import { refused } from '$lib/server/respond';
import { signUpSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({ sharedPhone: sharedPhoneChoice(locals.locale) })) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies }) => {
		const form = await readForm(request, signUpSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await signUp(
			getDb(),
			{ ...form.data, locale: locals.locale },
			describeBrowser(request.headers.get('user-agent'))
		);
		if (!result.ok) return refused(locals.locale, result.error, form.values, result.error === 'username_taken' ? 'username' : 'password');
		setSessionCookie(cookies, result.token, form.data.shared ? null : Date.now() + SESSION_TTL_MS);
		// Shown once, in this response only; never stored anywhere readable.
		return { recoveryCodes: result.recoveryCodes, kind: form.data.kind };
	}
} satisfies Actions;
