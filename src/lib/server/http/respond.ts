import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { NotConfirmed } from '$lib/server/auth/confirm';
import { translate } from '$lib/server/i18n';
import type { Locale } from '$lib/server/schema';

/** The messages of a refused form, translated, by field ('form' for the form as a whole). */
export type FormErrors = Record<string, string>;

/** The statuses a form's refusal takes: bad input, not theirs, no such thing, not now, too big, too many. */
export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 429;

/**
 * The one way a refusal becomes a form's answer: `fail(status, { ...answer, errors })`, with the
 * message `key` (a key of the message catalogue, filled with `inputs`) translated into the
 * request's language beside `field` (the form as a whole by default). `answer` is what the page
 * needs to show the form again: what was typed (`values`, never a password), which of its forms
 * it was (`action`).
 */
export function refuse<A extends object = object>(
	locale: Locale,
	status: RefusalStatus,
	key: string,
	answer?: A,
	{ field = 'form', inputs }: { field?: string; inputs?: Record<string, unknown> } = {}
) {
	const errors: FormErrors = { [field]: translate(key, locale, inputs) };
	return fail(status, { ...(answer as A), errors });
}

/** Sets Retry-After for `retryAfterMs` (at least a second); the minutes to say in the message. */
function retryAfter(event: Pick<RequestEvent, 'setHeaders'>, retryAfterMs: number): number {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	event.setHeaders({ 'retry-after': String(seconds) });
	return Math.ceil(seconds / 60);
}

/** A refused attempt because of too many tries: 429, Retry-After, translated message. */
export function tooManyTries<A extends object>(
	event: Pick<RequestEvent, 'setHeaders'>,
	locale: Locale,
	retryAfterMs: number,
	answer: A,
	key = 'error_locked'
) {
	const minutes = retryAfter(event, retryAfterMs);
	return refuse(locale, 429, key, answer, { inputs: { minutes } });
}

/**
 * The password asked again (auth/confirm.ts) was wrong (400), or too many were (429 with
 * Retry-After): the message goes under the form's password field, for the form named `action`.
 */
export function notConfirmed(
	event: Pick<RequestEvent, 'setHeaders'>,
	locale: Locale,
	action: string,
	refusal: NotConfirmed
) {
	if (refusal.error === 'locked') {
		const minutes = retryAfter(event, refusal.retryAfterMs!);
		return refuse(
			locale,
			429,
			'error_locked',
			{ action },
			{ field: 'password', inputs: { minutes } }
		);
	}
	return refuse(locale, 400, 'error_wrong_password', { action }, { field: 'password' });
}

/** Removing a member or revoking an invitation refused: not theirs to manage (403), no such one (404), an owner (409). */
export function memberRefusal(
	locale: Locale,
	action: string,
	error: 'not_owner' | 'no_member' | 'not_allowed' | 'no_invitation'
) {
	const status = (
		{ not_owner: 403, no_member: 404, no_invitation: 404, not_allowed: 409 } as const
	)[error];
	return refuse(locale, status, `error_${error}`, { action });
}

export function notFound(locale: Locale, key: string): never {
	error(404, translate(key, locale));
}

/**
 * A visitor (no account) reading a course asked for something that would be saved, or for more
 * than the first lesson: to the sign-up page, which brings them back to `path` afterwards.
 */
export function signUpFirst(path: string): never {
	redirect(303, `/signup?next=${encodeURIComponent(path)}`);
}
