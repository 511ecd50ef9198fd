import { fail } from '@sveltejs/kit';
import { signUp } from '$lib/server/accounts/sign-in';
import { suggestName } from '$lib/server/accounts/names';
import { setSessionCookie } from '$lib/server/http/cookies';
import { homeFor, safeNext } from '$lib/server/access';
import { keepDeviceToken } from '$lib/server/http/device-cookie';
import { signUps } from '$lib/server/auth/floods';
import { describeBrowser, SESSION_TTL_MS, validateSessionToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { sharedPhoneChoice } from '$lib/server/shared-phone';
import { refuse, tooManyTries } from '$lib/server/http/respond';
import { signUpSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => ({
	sharedPhone: sharedPhoneChoice(locals.locale),
	/** Where a visitor was going (a course's next lesson) before being asked to sign up. */
	next: safeNext(url.searchParams.get('next'), url.origin)
})) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, locals, cookies, url } = event;
		const form = await readForm(request, signUpSchema, locals.locale, ['password']);
		// "Suggest a name": the form again, with a fresh name in it; nothing is looked up or kept.
		if (form.values.suggest === '1') {
			const suggestion = suggestName(locals.locale);
			const { suggest: _, ...values } = form.values;
			return { suggestion, values: { ...values, username: suggestion } };
		}
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const address = event.getClientAddress();
		const wait = await signUps.wait(getDb(), address);
		if (wait > 0)
			return tooManyTries(
				event,
				locals.locale,
				wait,
				{ values: form.values },
				'error_too_many_sign_ups'
			);
		await signUps.record(getDb(), address);
		const result = await signUp(
			getDb(),
			{ ...form.data, locale: locals.locale },
			describeBrowser(request.headers.get('user-agent'))
		);
		if (!result.ok)
			return refuse(
				locals.locale,
				400,
				`error_${result.error}`,
				{ values: form.values },
				{ field: result.error === 'username_taken' ? 'username' : 'password' }
			);
		setSessionCookie(cookies, result.token, form.data.shared ? null : Date.now() + SESSION_TTL_MS);
		if (result.deviceToken) keepDeviceToken(cookies, result.deviceToken);
		// This very answer is the new account's first page: its header shows it signed in.
		const session = await validateSessionToken(getDb(), result.token);
		locals.user = session?.user ?? null;
		locals.session = session?.session ?? null;
		// A learner goes on to where they were going before signing up (a course they were reading).
		const next =
			form.data.kind === 'learner' ? safeNext(url.searchParams.get('next'), url.origin) : null;
		// Shown once, in this response only; never stored anywhere readable.
		return {
			recoveryCodes: result.recoveryCodes,
			username: form.data.username,
			next: next ?? homeFor(form.data.kind)
		};
	}
} satisfies Actions;
