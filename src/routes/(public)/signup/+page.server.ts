import { fail } from '@sveltejs/kit';
import { signUp } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { homeFor, safeNext } from '$lib/server/access';
import { describeBrowser, SESSION_TTL_MS, validateSessionToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { sharedPhoneChoice } from '$lib/server/shared-phone';
import { refused } from '$lib/server/respond';
import { signUpSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => ({
	sharedPhone: sharedPhoneChoice(locals.locale),
	/** Where a visitor was going (a course's next lesson) before being asked to sign up. */
	next: safeNext(url.searchParams.get('next'))
})) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await readForm(request, signUpSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await signUp(
			getDb(),
			{ ...form.data, locale: locals.locale },
			describeBrowser(request.headers.get('user-agent'))
		);
		if (!result.ok) return refused(locals.locale, result.error, form.values, result.error === 'username_taken' ? 'username' : 'password');
		setSessionCookie(cookies, result.token, form.data.shared ? null : Date.now() + SESSION_TTL_MS);
		// This very answer is the new account's first page: its header shows it signed in.
		const session = await validateSessionToken(getDb(), result.token);
		locals.user = session?.user ?? null;
		locals.session = session?.session ?? null;
		// A learner goes on to where they were going before signing up (a course they were reading).
		const next = form.data.kind === 'learner' ? safeNext(url.searchParams.get('next')) : null;
		// Shown once, in this response only; never stored anywhere readable.
		return { recoveryCodes: result.recoveryCodes, username: form.data.username, next: next ?? homeFor(form.data.kind) };
	}
} satisfies Actions;
