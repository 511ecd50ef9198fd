import { fail, redirect } from '@sveltejs/kit';
import { signIn, usernameKey } from '$lib/server/accounts/sign-in';
import { homeFor, safeNext } from '$lib/server/access';
import { attemptKey, failedAttemptsByAddress } from '$lib/server/auth/address';
import { recognizedDevice } from '$lib/server/auth/devices';
import { deviceTokens, keepDeviceToken } from '$lib/server/http/device-cookie';
import { setLanguageCookie, setSessionCookie } from '$lib/server/http/cookies';
import { describeBrowser, SESSION_TTL_MS } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { sharedPhoneChoice } from '$lib/server/shared-phone';
import { refuse, tooManyTries } from '$lib/server/http/respond';
import { signInSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({
	sharedPhone: sharedPhoneChoice(locals.locale)
})) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, locals, cookies, url } = event;
		const address = event.getClientAddress();
		const form = await readForm(request, signInSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		// A browser that signed in to this account before passes the locks held against the name.
		const device = await recognizedDevice(
			getDb(),
			deviceTokens(cookies),
			usernameKey(form.data.username)
		);
		const key = attemptKey(address, usernameKey(form.data.username));
		const wait = device ? 0 : await failedAttemptsByAddress.retryAfter(getDb(), key);
		if (wait > 0) return tooManyTries(event, locals.locale, wait, { values: form.values });
		const result = await signIn(
			getDb(),
			form.data,
			describeBrowser(request.headers.get('user-agent')),
			Date.now(),
			device
		);
		if (!result.ok) {
			if (!device) await failedAttemptsByAddress.record(getDb(), key);
			if (result.error === 'locked')
				return tooManyTries(event, locals.locale, result.retryAfterMs!, { values: form.values });
			return refuse(locals.locale, 400, `error_${result.error}`, { values: form.values });
		}
		// A shared phone's cookie ends when the browser closes.
		setSessionCookie(cookies, result.token, form.data.shared ? null : Date.now() + SESSION_TTL_MS);
		setLanguageCookie(cookies, result.user.locale);
		if (result.deviceToken) keepDeviceToken(cookies, result.deviceToken);
		const next = result.user.must_change_password
			? '/account/password'
			: safeNext(url.searchParams.get('next'), url.origin);
		redirect(303, next ?? homeFor(result.user.kind));
	}
} satisfies Actions;
