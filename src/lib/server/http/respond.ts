import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { NotConfirmed } from '$lib/server/auth/confirm';
import type { FormValues } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import type { Locale } from '$lib/server/schema';

/** Sets Retry-After and returns the translated "too many tries, wait N minutes" (or another message with {minutes}). */
export function retryLater(
	event: Pick<RequestEvent, 'setHeaders'>,
	locale: Locale,
	retryAfterMs: number,
	key = 'error_locked'
): string {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	event.setHeaders({ 'retry-after': String(seconds) });
	return translate(key, locale, { minutes: Math.ceil(seconds / 60) });
}

/** A refused attempt because of too many tries: 429, Retry-After, translated message. */
export function tooManyTries(
	event: Pick<RequestEvent, 'setHeaders'>,
	locale: Locale,
	retryAfterMs: number,
	values: FormValues,
	key = 'error_locked',
	extra: Record<string, unknown> = {}
) {
	return fail(429, {
		...extra,
		values,
		errors: { form: retryLater(event, locale, retryAfterMs, key) } as Record<string, string>
	});
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
	if (refusal.error === 'locked')
		return fail(429, {
			action,
			errors: { password: retryLater(event, locale, refusal.retryAfterMs!) } as Record<
				string,
				string
			>
		});
	return fail(400, {
		action,
		errors: { password: translate('error_wrong_password', locale) } as Record<string, string>
	});
}

/** Removing a member or revoking an invitation refused: not theirs to manage (403), no such one (404), an owner (409). */
export function memberRefusal(
	locale: Locale,
	action: string,
	error: 'not_owner' | 'no_member' | 'not_allowed' | 'no_invitation'
) {
	const status = { not_owner: 403, no_member: 404, no_invitation: 404, not_allowed: 409 }[error];
	return fail(status, {
		action,
		errors: { form: translate(`error_${error}`, locale) } as Record<string, string>
	});
}

/** A domain refusal (taken name, wrong password...) as a 400 with a translated message. */
export function refused(
	locale: Locale,
	key: string,
	values: FormValues,
	field = 'form',
	status = 400,
	inputs: Record<string, unknown> = {}
) {
	const errors: Record<string, string> = { [field]: translate(`error_${key}`, locale, inputs) };
	return fail(status, { values, errors });
}

/** Route parameters that fail their schema are a 404 with a translated message, never a 500. */
export function parseParams<S extends z.ZodType>(
	schema: S,
	params: Record<string, string>,
	locale: Locale,
	notFoundKey = 'error_not_found'
): z.output<S> {
	const parsed = schema.safeParse(params);
	if (!parsed.success) error(404, translate(notFoundKey, locale));
	return parsed.data;
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
