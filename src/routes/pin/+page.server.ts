import { fail, redirect } from '@sveltejs/kit';
import { isNeutralLook, lookFromCookies } from '$lib/disguise';
import { homeFor, safeNext } from '$lib/server/access';
import { failedAttemptsByAddress } from '$lib/server/auth/address';
import { clearSessionCookie } from '$lib/server/http/cookies';
import { choosePin, enterPin, lockWithPin, removePin } from '$lib/server/auth/pin';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { tooManyTries, refuse } from '$lib/server/http/respond';
import { choosePinSchema, pinPasswordSchema, pinSchema } from '$lib/schemas/pin';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { signedInUser } from '$lib/server/http/user';

/** Where to go once the code is given: the page the person was going to (never this one), else home. */
function nextPage({ url, locals }: Pick<RequestEvent, 'url' | 'locals'>): string {
	const next = safeNext(url.searchParams.get('next'), url.origin);
	return next && !next.startsWith('/pin') ? next : locals.user ? homeFor(locals.user.kind) : '/';
}

/**
 * Behind the disguise's cover (its "⋯" leads here, and so does every page while the code is
 * awaited): the code, or a first code to choose; for someone signed out, only a way to sign in.
 * Nothing on this page names the app.
 */
export const load = (async ({ locals, url, request }) => {
	if (!locals.user) return { mode: 'signed_out' as const, ended: url.searchParams.has('ended') };
	if (locals.session!.guarded) {
		// Whoever comes from the cover gives the code, however recently the app was used. Only
		// when the page is opened: a form's refusal shown on it changes nothing.
		if (request.method === 'GET') await lockWithPin(getDb(), locals.session!.id);
		return { mode: 'enter' as const, ended: false };
	}
	return { mode: 'choose' as const, ended: false };
}) satisfies PageServerLoad;

export const actions = {
	enter: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, pinSchema, locals.locale, ['pin']);
		if (!locals.session) redirect(303, '/pin');
		if (!form.ok) return fail(400, { action: 'enter', errors: form.errors });
		const result = await enterPin(
			getDb(),
			{ id: locals.session.id, userId: signedInUser(locals).id },
			form.data.pin
		);
		if (result.ok) redirect(303, nextPage(event));
		if (result.error === 'pin_ended') {
			// Too many wrong codes: only the password opens the account now.
			clearSessionCookie(event.cookies);
			redirect(303, '/pin?ended');
		}
		const left = result.error === 'pin_wrong' ? result.left : 0;
		return refuse(
			locals.locale,
			400,
			'error_pin_wrong',
			{ action: 'enter' },
			{ field: 'pin', inputs: { count: left } }
		);
	},
	choose: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, choosePinSchema, locals.locale, ['pin', 'again']);
		if (!locals.session) redirect(303, '/pin');
		if (!form.ok) return fail(400, { action: 'choose', errors: form.errors });
		const result = await choosePin(
			getDb(),
			{ id: locals.session.id, userId: signedInUser(locals).id },
			form.data.pin
		);
		if (!result.ok) return refuse(locals.locale, 400, 'error_pin_set', { action: 'choose' });
		redirect(303, nextPage(event));
	},
	remove: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, pinPasswordSchema, locals.locale, ['password']);
		if (!locals.session) redirect(303, '/pin');
		if (!form.ok) return fail(400, { action: 'remove', errors: form.errors });
		// The same limits as other password checks: per address and per name, in the database.
		const address = event.getClientAddress();
		const wait = await failedAttemptsByAddress.retryAfter(getDb(), address);
		if (wait > 0) return tooManyTries(event, locals.locale, wait, { values: {} });
		const result = await removePin(
			getDb(),
			{ id: locals.session.id, userId: signedInUser(locals).id },
			form.data.password
		);
		if (!result.ok) {
			await failedAttemptsByAddress.record(getDb(), address);
			if (result.error === 'locked')
				return tooManyTries(event, locals.locale, result.retryAfterMs, { values: {} });
			return refuse(
				locals.locale,
				400,
				'error_unlock_wrong',
				{ action: 'remove' },
				{ field: 'password' }
			);
		}
		// Behind a disguise the app asks for a new code at once; otherwise on to where the person was going.
		const next = nextPage(event);
		redirect(
			303,
			isNeutralLook(lookFromCookies(request.headers.get('cookie')))
				? `/pin?next=${encodeURIComponent(next)}`
				: next
		);
	}
} satisfies Actions;
