import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { getMyApplication } from '$lib/server/applications/learner';
import { readThread } from '$lib/server/applications/messages';
import { withdrawApplication } from '$lib/server/applications/lifecycle';
import { threadSchema, withdrawSchema } from '$lib/schemas/application';
import { changeThread } from '$lib/server/applications/thread';
import { messageAction } from '$lib/server/http/message-action';
import { markSeen } from '$lib/server/applications/news';
import { badgeFor } from '$lib/server/news';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { application: id } = params;
	const application = await getMyApplication(getDb(), signedInUser(locals).id, id, locals.locale);
	if (!application) notFound(locals.locale, 'error_no_application');
	const thread = (await readThread(getDb(), signedInUser(locals).id, id)) ?? [];
	await markSeen(getDb(), id, 'learner');
	return { application, thread, badge: await badgeFor(getDb(), signedInUser(locals)) };
}) satisfies PageServerLoad;

export const actions = {
	withdraw: async ({ params, request, locals }) => {
		const { application } = params;
		const form = await readForm(request, withdrawSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await withdrawApplication(getDb(), signedInUser(locals).id, application);
		if (!result.ok && result.error === 'no_application')
			notFound(locals.locale, 'error_no_application');
		if (!result.ok) return refuse(locals.locale, 409, 'error_application_not_allowed');
		return { done: true };
	},
	message: messageAction,
	thread: async ({ params, request, locals }) => {
		const { application } = params;
		const form = await readForm(request, threadSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await changeThread(
			getDb(),
			signedInUser(locals).id,
			application,
			form.data.change
		);
		if (!result.ok && result.error === 'no_application')
			notFound(locals.locale, 'error_no_application');
		if (!result.ok) return refuse(locals.locale, 409, 'error_application_not_allowed');
		return { thread: form.data.change };
	}
} satisfies Actions;
