import { fail } from '@sveltejs/kit';
import { resetWithRecoveryCode } from '$lib/server/accounts/credentials';
import { usernameKey } from '$lib/server/accounts/sign-in';
import { homeFor } from '$lib/server/access';
import { attemptKey, failedAttemptsByAddress } from '$lib/server/auth/address';
import { keepDeviceToken } from '$lib/server/http/device-cookie';
import { setLanguageCookie, setSessionCookie } from '$lib/server/http/cookies';
import { describeBrowser, SESSION_TTL_MS } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { sharedPhoneChoice } from '$lib/server/shared-phone';
import { refuse, tooManyTries } from '$lib/server/http/respond';
import { recoverSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({
	sharedPhone: sharedPhoneChoice(locals.locale)
})) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, locals, cookies } = event;
		const address = event.getClientAddress();
		const form = await readForm(request, recoverSchema, locals.locale, ['password', 'code']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const key = attemptKey(address, usernameKey(form.data.username));
		const wait = await failedAttemptsByAddress.retryAfter(getDb(), key);
		if (wait > 0) return tooManyTries(event, locals.locale, wait, { values: form.values });
		const result = await resetWithRecoveryCode(
			getDb(),
			form.data,
			describeBrowser(request.headers.get('user-agent'))
		);
		if (!result.ok) {
			await failedAttemptsByAddress.record(getDb(), key);
			if (result.error === 'locked')
				return tooManyTries(event, locals.locale, result.retryAfterMs!, { values: form.values });
			return refuse(
				locals.locale,
				400,
				`error_${result.error}`,
				{ values: form.values },
				{ field: result.error.startsWith('password_') ? 'password' : 'form' }
			);
		}
		setSessionCookie(cookies, result.token, form.data.shared ? null : Date.now() + SESSION_TTL_MS);
		setLanguageCookie(cookies, result.user.locale);
		if (result.deviceToken) keepDeviceToken(cookies, result.deviceToken);
		return { done: true, home: homeFor(result.user.kind) };
	}
} satisfies Actions;
