/** The form action that adds a message to an application's thread, for either side's page. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { readForm } from '../forms';
import { translate } from '../i18n';
import { notFound, parseParams } from '../respond';
import { applicationParams, messageSchema } from '../../schemas/application';
import { postMessage } from './messages';
import { DAY_MS } from '../quotas';
import { formatHours } from '../../format';

export async function messageAction({
	params,
	request,
	locals,
	setHeaders
}: Pick<RequestEvent, 'params' | 'request' | 'locals' | 'setHeaders'>) {
	const { application } = parseParams(
		applicationParams,
		params as Record<string, string>,
		locals.locale,
		'error_no_application'
	);
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
