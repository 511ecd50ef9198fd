import { fail } from '@sveltejs/kit';
import { setBackground } from '$lib/server/accounts';
import { remainingRecoveryCodes, replaceRecoveryCodes } from '$lib/server/auth/recovery';
import { endOwnSession, invalidateUserSessions, listSessions } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { backgroundSchema, dataSaverSchema, endSessionSchema } from '$lib/schemas/account';
import { DATA_SAVER_COOKIE } from '$lib/server/data-saver';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, cookies, request }) => {
	const user = locals.user!;
	return {
		username: user.username,
		kind: user.kind,
		background: user.background,
		sessions: await listSessions(getDb(), user.id, locals.session!.id),
		codesLeft: await remainingRecoveryCodes(getDb(), user.id),
		dataSaver: { chosen: cookies.get(DATA_SAVER_COOKIE) === 'on', phone: request.headers.get('save-data')?.toLowerCase() === 'on' },
		now: Date.now()
	};
}) satisfies PageServerLoad;

export const actions = {
	endSession: async ({ request, locals }) => {
		const form = await readForm(request, endSessionSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'endSession', errors: form.errors });
		// Only a session of this account can be ended here.
		const ended = await endOwnSession(getDb(), locals.user!.id, form.data.id);
		if (!ended) return fail(404, { action: 'endSession', errors: { form: '' } });
		return { action: 'endSession', done: true };
	},
	signOutEverywhere: async ({ locals }) => {
		await invalidateUserSessions(getDb(), locals.user!.id, locals.session!.id);
		return { action: 'signOutEverywhere', done: true };
	},
	background: async ({ request, locals }) => {
		const form = await readForm(request, backgroundSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'background', errors: form.errors });
		await setBackground(getDb(), locals.user!.id, form.data.background);
		return { action: 'background', done: true };
	},
	dataSaver: async ({ request, locals, cookies }) => {
		const form = await readForm(request, dataSaverSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'dataSaver', errors: form.errors });
		// A setting of this phone (pictures, downloads), kept in the browser, never on the account.
		if (form.data.saver === 'on') cookies.set(DATA_SAVER_COOKIE, 'on', { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 400 * 24 * 3600 });
		else cookies.delete(DATA_SAVER_COOKIE, { path: '/' });
		return { action: 'dataSaver', done: true };
	},
	newCodes: async ({ locals }) => {
		const codes = await replaceRecoveryCodes(getDb(), locals.user!.id);
		return { action: 'newCodes', recoveryCodes: codes };
	}
} satisfies Actions;
