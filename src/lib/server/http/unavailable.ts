/**
 * The one answer to a full or busy database: 503 with Retry-After and "try again later" in the
 * person's language. SvelteKit catches a load's, an action's or an endpoint's error before any
 * hook sees it, and only an HttpError keeps its status; so the error is made into one where it is
 * thrown (db.ts calls this for every query), with the request's language from getRequestEvent.
 * Pages then show the error page, enhanced forms get their usual error result, and /api
 * endpoints their usual `{ message }`, all with status 503.
 */
import { error } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import {
	onDatabaseUnavailable,
	type DatabaseUnavailableError,
	type Unavailable
} from '$lib/server/db';
import { translate } from '$lib/server/i18n';

/** A lock held past the busy timeout is rare and passes (a maintenance command); space needs the operator. */
export const RETRY_AFTER_SECONDS: Record<Unavailable, number> = { busy: 30, full: 300 };

/** Requests refused for now, by their locals, for the Retry-After of their answer. */
const refused = new WeakMap<App.Locals, Unavailable>();

const LOG_EVERY_MS = 60_000;
const lastLogged: Record<Unavailable, number> = { busy: 0, full: 0 };

/** The operator must hear of it, but a flood of refused writes must not flood the log. */
function logOnce(reason: Unavailable): void {
	const now = Date.now();
	if (now - lastLogged[reason] < LOG_EVERY_MS) return;
	lastLogged[reason] = now;
	const why =
		reason === 'full'
			? 'full (disk, or DATABASE_MAX_MB reached)'
			: 'busy (a lock held past DATABASE_BUSY_MS)';
	console.error(`The database is ${why}: writes are answered 503 until it passes.`);
}

function answer(cause: DatabaseUnavailableError): unknown {
	logOnce(cause.reason);
	let event;
	try {
		event = getRequestEvent();
	} catch {
		return cause; // start-up or a daily job: no request to answer
	}
	refused.set(event.locals, cause.reason);
	try {
		error(503, translate('error_unavailable', event.locals.locale ?? 'my'));
	} catch (httpError) {
		(httpError as { cause?: unknown }).cause = cause;
		return httpError;
	}
}

/**
 * Gives a 503 answer made here its Retry-After. Set on the way out, not when the write failed:
 * a failed write that the request could do without (a session's last use) must not mark a page
 * that was answered after all.
 */
export function addRetryAfter(locals: App.Locals, response: Response): void {
	const reason = refused.get(locals);
	if (reason && response.status === 503)
		response.headers.set('retry-after', String(RETRY_AFTER_SECONDS[reason]));
}

/** From now on, a full or busy database during a request is that request's 503 answer. */
export function answerUnavailableWith503(): void {
	onDatabaseUnavailable(answer);
}
