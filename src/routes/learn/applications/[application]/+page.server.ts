import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { notFound, parseParams } from '$lib/server/respond';
import { getMyApplication } from '$lib/server/applications/learner';
import { readThread } from '$lib/server/applications/messages';
import { withdrawApplication } from '$lib/server/applications/lifecycle';
import { applicationParams, threadSchema, withdrawSchema } from '$lib/schemas/application';
import { changeThread } from '$lib/server/applications/thread';
import { messageAction } from '$lib/server/applications/message-action';
import { badgeFor, markSeen } from '$lib/server/applications/news';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { application: id } = parseParams(
		applicationParams,
		params,
		locals.locale,
		'error_no_application'
	);
	const application = await getMyApplication(getDb(), locals.user!.id, id, locals.locale);
	if (!application) notFound(locals.locale, 'error_no_application');
	const thread = (await readThread(getDb(), locals.user!.id, id)) ?? [];
	await markSeen(getDb(), id, 'learner');
	return { application, thread, badge: await badgeFor(getDb(), locals.user!) };
}) satisfies PageServerLoad;

export const actions = {
	withdraw: async ({ params, request, locals }) => {
		const { application } = parseParams(
			applicationParams,
			params,
			locals.locale,
			'error_no_application'
		);
		const form = await readForm(request, withdrawSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await withdrawApplication(getDb(), locals.user!.id, application);
		if (!result.ok && result.error === 'no_application')
			notFound(locals.locale, 'error_no_application');
		if (!result.ok)
			return fail(409, {
				errors: { form: translate('error_application_not_allowed', locals.locale) } as Record<
					string,
					string
				>
			});
		return { done: true };
	},
	message: messageAction,
	thread: async ({ params, request, locals }) => {
		const { application } = parseParams(
			applicationParams,
			params,
			locals.locale,
			'error_no_application'
		);
		const form = await readForm(request, threadSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await changeThread(getDb(), locals.user!.id, application, form.data.change);
		if (!result.ok && result.error === 'no_application')
			notFound(locals.locale, 'error_no_application');
		if (!result.ok)
			return fail(409, {
				errors: { form: translate('error_application_not_allowed', locals.locale) } as Record<
					string,
					string
				>
			});
		return { thread: form.data.change };
	}
} satisfies Actions;
