/** The form actions that add a message to a thread, for either side's page: an application's, a training participant's, a request for help's. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from './respond';
import { messageSchema } from '$lib/schemas/application';
import { postMessage } from '$lib/server/applications/messages';
import { learnerWrites, orgWrites } from '$lib/server/trainings/messages';
import { learnerWritesHelp, orgWritesHelp } from '$lib/server/services/requests';
import type { Locale } from '$lib/server/schema';
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
	if (!result.ok && result.error === 'quota')
		return quotaRefusal(setHeaders, locals.locale, result.retryAfterMs, form.values);
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

/** A learner past the day's messages (QUOTAS.messages, every thread together): 429 with Retry-After, and what they typed kept. */
function quotaRefusal(
	setHeaders: RequestEvent['setHeaders'],
	locale: Locale,
	retryAfterMs: number | undefined,
	values: Record<string, string>
) {
	const wait = retryAfterMs ?? DAY_MS;
	setHeaders({ 'retry-after': String(Math.ceil(wait / 1000)) });
	return refuse(
		locale,
		429,
		'error_quota_messages',
		{ values },
		{ field: 'body', inputs: { hours: formatHours(wait, locale) } }
	);
}

/**
 * A message in a training participant's thread: the learner's own (no `place` in the address),
 * or the organization's to the participant at `place`.
 */
export async function trainingMessageAction({
	params,
	request,
	locals,
	setHeaders
}: Pick<
	RequestEvent<{ training: string; place?: string }>,
	'params' | 'request' | 'locals' | 'setHeaders'
>) {
	const form = await readForm(request, messageSchema, locals.locale);
	if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
	const userId = signedInUser(locals).id;
	const result = params.place
		? await orgWrites(getDb(), userId, params.training, params.place, form.data.body)
		: await learnerWrites(getDb(), userId, params.training, form.data.body);
	if (!result.ok && (result.error === 'no_training' || result.error === 'no_place'))
		notFound(locals.locale, 'error_no_training');
	if (!result.ok && result.error === 'quota')
		return quotaRefusal(setHeaders, locals.locale, result.retryAfterMs, form.values);
	if (!result.ok)
		return refuse(
			locals.locale,
			409,
			'error_training_thread_closed',
			{ values: form.values },
			{ field: 'body' }
		);
	return { sent: true };
}

/**
 * A message in a request for help's thread: the learner's own (`/learn/help/…`), or the
 * organization's (`/org/help/…`), by the signed-in account's kind.
 */
export async function helpMessageAction({
	params,
	request,
	locals,
	setHeaders
}: Pick<RequestEvent<{ request: string }>, 'params' | 'request' | 'locals' | 'setHeaders'>) {
	const form = await readForm(request, messageSchema, locals.locale);
	if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
	const user = signedInUser(locals);
	const result =
		user.kind === 'learner'
			? await learnerWritesHelp(getDb(), user.id, params.request, form.data.body)
			: await orgWritesHelp(getDb(), user.id, params.request, form.data.body);
	if (!result.ok && result.error === 'no_request') notFound(locals.locale, 'error_help_no_request');
	if (!result.ok && result.error === 'quota')
		return quotaRefusal(setHeaders, locals.locale, result.retryAfterMs, form.values);
	if (!result.ok)
		return refuse(
			locals.locale,
			409,
			'error_help_closed',
			{ values: form.values },
			{ field: 'body' }
		);
	return { sent: true };
}
