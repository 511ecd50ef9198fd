import { fail, redirect } from '@sveltejs/kit';
import { unlockSession, usernameKey } from '$lib/server/accounts/sign-in';
import { homeFor, safeNext } from '$lib/server/access';
import { attemptKey, failedAttemptsByAddress } from '$lib/server/auth/address';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { refuse, tooManyTries } from '$lib/server/http/respond';
import { unlockSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

/** Where to go once unlocked: the page the person was on (never this page again), else home. */
function nextPage(url: URL, locals: App.Locals): string {
	const next = safeNext(url.searchParams.get('next'), url.origin);
	return next && !next.startsWith('/unlock') ? next : homeFor(signedInUser(locals).kind);
}

export const load = (({ locals, url }) => {
	// Nothing to unlock: an ordinary session, or a shared one used within the idle time.
	if (!locals.session!.locked) redirect(303, nextPage(url, locals));
	return { username: signedInUser(locals).username };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, locals, url } = event;
		const form = await readForm(request, unlockSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		if (!locals.session!.locked) redirect(303, nextPage(url, locals));
		// The same limits as signing in: per address in memory, per name in sign_in_throttle.
		const key = attemptKey(event.getClientAddress(), usernameKey(signedInUser(locals).username));
		const wait = await failedAttemptsByAddress.retryAfter(getDb(), key);
		if (wait > 0) return tooManyTries(event, locals.locale, wait, { values: {} });
		const result = await unlockSession(
			getDb(),
			{ id: locals.session!.id, userId: signedInUser(locals).id },
			form.data.password
		);
		if (!result.ok) {
			await failedAttemptsByAddress.record(getDb(), key);
			if (result.error === 'locked')
				return tooManyTries(event, locals.locale, result.retryAfterMs!, { values: {} });
			return refuse(locals.locale, 400, `error_${result.error}`, { values: {} });
		}
		redirect(303, nextPage(url, locals));
	}
} satisfies Actions;
