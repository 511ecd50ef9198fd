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
import type { SessionUser } from '$lib/server/auth/session';

type Event<P extends RequestEvent['params']> = Pick<
	RequestEvent<P>,
	'params' | 'request' | 'locals' | 'setHeaders'
>;

/** What a domain answers when a message is written: done, or why not (`quota` with its wait). */
type Written = { ok: true } | { ok: false; error: string; retryAfterMs?: number };

/**
 * The one way a message is written: the form read, the domain's `write` by the signed-in
 * account, then `{ sent: true }`, or the refusal: a thread that is not theirs is a 404
 * (`missing` errors, message `notFoundKey`); past the day's quota a 429; anything else 409
 * (`refusedKey`), what was typed kept.
 */
async function writeMessage<P extends RequestEvent['params']>(
	{ request, locals, setHeaders }: Event<P>,
	write: (user: SessionUser, body: string) => Promise<Written>,
	keys: { missing: string[]; notFoundKey: string; refusedKey: string }
) {
	const form = await readForm(request, messageSchema, locals.locale);
	if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
	const result = await write(signedInUser(locals), form.data.body);
	if (result.ok) return { sent: true };
	if (keys.missing.includes(result.error)) notFound(locals.locale, keys.notFoundKey);
	if (result.error === 'quota')
		return quotaRefusal(setHeaders, locals.locale, result.retryAfterMs, form.values);
	return refuse(locals.locale, 409, keys.refusedKey, { values: form.values }, { field: 'body' });
}

/** A message in an application's thread, by either side. */
export const messageAction = (event: Event<{ application: string }>) =>
	writeMessage(
		event,
		(user, body) => postMessage(getDb(), user.id, event.params.application, body),
		{
			missing: ['no_application'],
			notFoundKey: 'error_no_application',
			refusedKey: 'error_application_not_allowed'
		}
	);

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
export const trainingMessageAction = (event: Event<{ training: string; place?: string }>) =>
	writeMessage(
		event,
		(user, body) =>
			event.params.place
				? orgWrites(getDb(), user.id, event.params.training, event.params.place, body)
				: learnerWrites(getDb(), user.id, event.params.training, body),
		{
			missing: ['no_training', 'no_place'],
			notFoundKey: 'error_no_training',
			refusedKey: 'error_training_thread_closed'
		}
	);

/**
 * A message in a request for help's thread: the learner's own (`/learn/help/…`), or the
 * organization's (`/org/help/…`), by the signed-in account's kind.
 */
export const helpMessageAction = (event: Event<{ request: string }>) =>
	writeMessage(
		event,
		(user, body) =>
			user.kind === 'learner'
				? learnerWritesHelp(getDb(), user.id, event.params.request, body)
				: orgWritesHelp(getDb(), user.id, event.params.request, body),
		{
			missing: ['no_request'],
			notFoundKey: 'error_help_no_request',
			refusedKey: 'error_help_closed'
		}
	);
