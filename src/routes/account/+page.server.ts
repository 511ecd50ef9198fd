import { fail } from '@sveltejs/kit';
import { setBackground } from '$lib/server/accounts';
import { remainingRecoveryCodes, replaceRecoveryCodes } from '$lib/server/auth/recovery';
import { endOwnSession, invalidateUserSessions, listSessions } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { backgroundSchema, endSessionSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = locals.user!;
	return {
		username: user.username,
		kind: user.kind,
		background: user.background,
		sessions: await listSessions(getDb(), user.id, locals.session!.id),
		codesLeft: await remainingRecoveryCodes(getDb(), user.id),
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
	newCodes: async ({ locals }) => {
		const codes = await replaceRecoveryCodes(getDb(), locals.user!.id);
		return { action: 'newCodes', recoveryCodes: codes };
	}
} satisfies Actions;
