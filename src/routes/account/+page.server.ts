import { fail, redirect } from '@sveltejs/kit';
import { codesReplacedAt, signOutEverywhere } from '$lib/server/accounts/credentials';
import { deleteOwnAccount } from '$lib/server/accounts/erase';
import { clearSessionCookie } from '$lib/server/http/cookies';
import { remainingRecoveryCodes } from '$lib/server/auth/recovery';
import { endOwnSession, listSessions } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { leavingOrganization } from '$lib/server/orgs/membership';
import { notConfirmed, refuse } from '$lib/server/http/respond';
import {
	confirmPasswordSchema,
	dataSaverSchema,
	deleteAccountSchema,
	endSessionSchema
} from '$lib/schemas/account';
import { DATA_SAVER_COOKIE } from '$lib/server/http/data-saver';
import { lookTexts } from '$lib/server/disguise';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals, cookies, request }) => {
	const user = signedInUser(locals);
	// What deleting the account would do to an organization member's organization.
	const leaving = await leavingOrganization(getDb(), user.id);
	return {
		username: user.username,
		kind: user.kind,
		sessions: await listSessions(getDb(), user.id, locals.session!.id),
		codesLeft: await remainingRecoveryCodes(getDb(), user.id),
		codesMadeAt: await codesReplacedAt(getDb(), user.id),
		pinSet: locals.session!.guarded,
		lookTexts: lookTexts(locals.locale),
		dataSaver: {
			chosen: cookies.get(DATA_SAVER_COOKIE) === 'on',
			phone: request.headers.get('save-data')?.toLowerCase() === 'on'
		},
		now: Date.now(),
		leaving: leaving && {
			organization: leaving.organization,
			newOwner: leaving.newOwner?.username ?? null,
			empty: leaving.empty
		},
		inactiveMonths: config.inactiveAccountMonths
	};
}) satisfies PageServerLoad;

export const actions = {
	endSession: async ({ request, locals }) => {
		const form = await readForm(request, endSessionSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'endSession', errors: form.errors });
		// Only a session of this account can be ended here.
		const ended = await endOwnSession(getDb(), signedInUser(locals).id, form.data.id);
		if (!ended)
			return refuse(locals.locale, 404, 'error_session_not_found', { action: 'endSession' });
		return { action: 'endSession', done: true };
	},
	signOutEverywhere: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, confirmPasswordSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { action: 'signOutEverywhere', errors: form.errors });
		const result = await signOutEverywhere(
			getDb(),
			signedInUser(locals).id,
			locals.session!.id,
			form.data.password
		);
		if (!result.ok) return notConfirmed(event, locals.locale, 'signOutEverywhere', result);
		return { action: 'signOutEverywhere', done: true };
	},
	dataSaver: async ({ request, locals, cookies }) => {
		const form = await readForm(request, dataSaverSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'dataSaver', errors: form.errors });
		// A setting of this phone (pictures, downloads), kept in the browser, never on the account.
		if (form.data.saver === 'on')
			cookies.set(DATA_SAVER_COOKIE, 'on', {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 400 * 24 * 3600
			});
		else cookies.delete(DATA_SAVER_COOKIE, { path: '/' });
		return { action: 'dataSaver', done: true };
	},
	deleteAccount: async (event) => {
		const { request, locals, cookies } = event;
		const form = await readForm(request, deleteAccountSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { action: 'deleteAccount', errors: form.errors });
		const result = await deleteOwnAccount(getDb(), signedInUser(locals).id, form.data.password);
		if (!result.ok) return notConfirmed(event, locals.locale, 'deleteAccount', result);
		// The account's sessions went with it; this browser forgets its cookie.
		clearSessionCookie(cookies);
		redirect(303, '/?deleted');
	}
} satisfies Actions;
