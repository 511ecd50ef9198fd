/** The form action that adds a message to an application's thread, for either side's page. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { notFound } from './respond';
import { messageSchema } from '$lib/schemas/application';
import { postMessage } from '$lib/server/applications';
import { DAY_MS } from '$lib/server/quotas';
import { formatHours } from '$lib/format';

export async function messageAction({
	params,
	request,
	locals,
	setHeaders
}: Pick<RequestEvent<{ application: string }>, 'params' | 'request' | 'locals' | 'setHeaders'>) {
	const { application } = params;
	const form = await readForm(request, messageSchema, locals.locale);
	if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
	const result = await postMessage(getDb(), locals.user!.id, application, form.data.body);
	if (!result.ok && result.error === 'no_application')
		notFound(locals.locale, 'error_no_application');
	if (!result.ok && result.error === 'quota') {
		const wait = result.retryAfterMs ?? DAY_MS;
		setHeaders({ 'retry-after': String(Math.ceil(wait / 1000)) });
		return fail(429, {
			values: form.values,
			errors: {
				body: translate('error_quota_messages', locals.locale, {
					hours: formatHours(wait, locals.locale)
				})
			} as Record<string, string>
		});
	}
	if (!result.ok)
		return fail(409, {
			values: form.values,
			errors: { body: translate('error_application_not_allowed', locals.locale) } as Record<
				string,
				string
			>
		});
	return { sent: true };
}
