/** The form action that adds a message to an application's thread, for either side's page. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from './respond';
import { messageSchema } from '$lib/schemas/application';
import { postMessage } from '$lib/server/applications/messages';
import { DAY_MS } from '$lib/server/quotas';
import { formatHours } from '$lib/format';
import { signedInUser } from './user';

export async function messageAction({
	params,
	request,
	locals,
	setHeaders
}: Pick<RequestEvent<{ application: string }>, 'params' | 'request' | 'locals' | 'setHeaders'>) {
	const { application } = params;
	const form = await readForm(request, messageSchema, locals.locale);
	if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
	const result = await postMessage(getDb(), signedInUser(locals).id, application, form.data.body);
	if (!result.ok && result.error === 'no_application')
		notFound(locals.locale, 'error_no_application');
	if (!result.ok && result.error === 'quota') {
		const wait = result.retryAfterMs ?? DAY_MS;
		setHeaders({ 'retry-after': String(Math.ceil(wait / 1000)) });
		return refuse(
			locals.locale,
			429,
			'error_quota_messages',
			{ values: form.values },
			{
				field: 'body',
				inputs: {
					hours: formatHours(wait, locals.locale)
				}
			}
		);
	}
	if (!result.ok)
		return refuse(
			locals.locale,
			409,
			'error_application_not_allowed',
			{ values: form.values },
			{ field: 'body' }
		);
	return { sent: true };
}
