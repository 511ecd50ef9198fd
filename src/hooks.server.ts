import {
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieName } from '$lib/paraglide/runtime';
import {
	DIRECTORY_COPY_PARAM,
	DIRECTORY_LOCALE_PARAM,
	DIRECTORY_LOCALES,
	DIRECTORY_PAGE
} from '$lib/pwa/directory';
import { isOneOf } from '$lib/vocab/one-of';
import { decide, homeFor } from '$lib/server/access';
import { isNeutralLook, LOOK_ASSETS, lookFromCookies } from '$lib/disguise';
import { CLEAR_SITE_DATA, clearPending, signOutThisPhone } from '$lib/server/http/clear';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '$lib/server/http/cookies';
import { waitsForPin } from '$lib/server/auth/pin';
import { validateSessionToken } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { sweepDaily, tidyEveryMinute } from '$lib/server/housekeeping';
import { startMatching } from '$lib/server/matching/start';
import { DOCUMENT_ONLY, securityHeaders } from '$lib/server/headers';
import { translate } from '$lib/server/i18n';
import { BundledMigrationProvider, migrateToLatest } from '$lib/server/migrate';
import { renameOldCookies } from '$lib/server/http/old-names';
import { addRetryAfter, answerUnavailableWith503 } from '$lib/server/http/unavailable';
import type { Locale } from '$lib/server/schema';
import { signedInUser } from '$lib/server/http/user';
import lanpyaIcon from '../static/favicon.svg?raw';

export const init: ServerInit = async () => {
	answerUnavailableWith503();
	await migrateToLatest(getDb(), new BundledMigrationProvider());
	// Matching's memory, built before the server listens (matching/start.ts).
	await startMatching(getDb());
	// Its place in the change notes kept alive; notes and attempts no longer needed deleted.
	const stopTidying = tidyEveryMinute(getDb);
	process.once('sveltekit:shutdown', stopTidying);
	// Unused accounts, dead sessions, old failure counts and old audit rows go once a day.
	const stopSweeping = sweepDaily(getDb);
	process.once('sveltekit:shutdown', stopSweeping);
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	addRetryAfter(event.locals, response);
	for (const [name, value] of Object.entries(
		securityHeaders(config.secure, event.url.pathname, response.status)
	)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Pages and endpoints may show a person's data: never stored by a browser or proxy cache.
	if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
	// A page's data (the next lesson's bytes) is never a document: it goes without their headers.
	if (event.isDataRequest) for (const name of DOCUMENT_ONLY) response.headers.delete(name);
	else if (response.headers.get('content-type')?.startsWith('text/html')) {
		// A page is never stored (no-store), so its ETag is never used; and SvelteKit's
		// x-sveltekit-page mark is for its own prerendering. Each costs bytes on every page.
		response.headers.delete('etag');
		response.headers.delete('x-sveltekit-page');
	}
	return preloadsInHead(response);
};

/**
 * SvelteKit names the scripts a page needs in a Link header, so the browser fetches them all at
 * once rather than one import after another (each a round trip, long on 2G). On HTTP/1.1 that
 * header is half a kilobyte, never compressed: the same links go into the page's head instead,
 * where brotli shrinks them to a fraction and the browser's preload scanner finds them as early.
 */
async function preloadsInHead(response: Response): Promise<Response> {
	const link = response.headers.get('link');
	if (!link || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	const tags = [...link.matchAll(/<([^>]+)>; rel="modulepreload"/g)].map(
		([, href]) => `<link rel="modulepreload" href="${href}">`
	);
	const html = await response.text();
	const end = html.indexOf('</head>');
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	if (end >= 0) headers.delete('link');
	// The stylesheet is a <link> in the head already; its preload entry adds nothing.
	const body = end < 0 ? html : html.slice(0, end) + tags.join('') + html.slice(end);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** Cookies an earlier version named after the app get their neutral names (src/lib/server/http/old-names.ts). */
const handleOldNames: Handle = ({ event, resolve }) => {
	renameOldCookies(event.request, event.cookies);
	return resolve(event);
};

/**
 * The service worker's copy of the directory (src/lib/pwa/directory.ts) comes without cookies and
 * names its language in the address; it is read as if the language cookie said so.
 */
function directoryCopyRequest({ request, url }: RequestEvent): Request {
	const locale = url.searchParams.get(DIRECTORY_LOCALE_PARAM);
	const copy = url.pathname === DIRECTORY_PAGE && url.searchParams.has(DIRECTORY_COPY_PARAM);
	if (!copy || request.headers.has('cookie') || !isOneOf(DIRECTORY_LOCALES, locale)) return request;
	const headers = new Headers(request.headers);
	headers.set('cookie', `${cookieName}=${locale}`);
	return new Request(request, { headers });
}

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(directoryCopyRequest(event), ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale as Locale;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});

/**
 * The disguise (src/lib/disguise.ts): the theme colour, tab icon and manifest of every page follow
 * the look chosen on this phone, and with a neutral look every title is the tool's name, whatever
 * the page set (the root layout keeps it so through navigations). A cover screen shows its own look.
 */
/**
 * The default look's tab icon (173 bytes) written into the page, so a first visit makes no
 * request for it (851 bytes with its headers). The neutral looks' icons stay files: kept a day.
 */
const INLINE_ICON = `data:image/svg+xml,${lanpyaIcon
	.trim()
	.replace(/"/g, "'")
	.replace(/[#<>%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

const handleLook: Handle = ({ event, resolve }) => {
	const cover = event.route.id === '/cover/[look=neutral]' ? event.params.look : undefined;
	const look = isNeutralLook(cover) ? cover : lookFromCookies(event.request.headers.get('cookie'));
	const assets = LOOK_ASSETS[look];
	const title =
		look === 'lanpya' ? null : `<title>${translate(`look_${look}`, event.locals.locale)}</title>`;
	return resolve(event, {
		transformPageChunk: ({ html }) => {
			const filled = html
				.replace('%lanpya.theme%', assets.themeColor)
				.replace('%lanpya.icon%', look === 'lanpya' ? INLINE_ICON : assets.icon)
				.replace('%lanpya.manifest%', assets.manifest);
			// Only the document's head: a picture in the body may hold a <title> of its own.
			const end = filled.indexOf('</head>');
			if (!title || end < 0) return filled;
			const head = filled.slice(0, end);
			return (
				(/<title>/.test(head) ? head.replace(/<title>[\s\S]*?<\/title>/, title) : head + title) +
				filled.slice(end)
			);
		}
	});
};

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

function plainText(status: number, text: string, headers: Record<string, string> = {}): Response {
	return new Response(text, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }
	});
}

/** Marks refusals made by the access table, so tests can tell them from a domain's own 403. */
const DENIED = { 'x-lanpya-access': 'denied' };

/**
 * SvelteKit checks the origin of form posts only; this refuses any cross-site state change.
 * Every state-changing route outside /api takes a form: anything else is a translated 400.
 */
const handleOrigin: Handle = ({ event, resolve }) => {
	if (!SAFE_METHODS.has(event.request.method)) {
		const site = event.request.headers.get('sec-fetch-site');
		const origin = event.request.headers.get('origin');
		// Sec-Fetch-Site when the browser sends it; otherwise the Origin header, where "null"
		// (an opaque origin) counts as another site.
		const crossSite = site
			? site !== 'same-origin' && site !== 'none'
			: origin !== null && origin !== event.url.origin;
		if (crossSite) return plainText(403, translate('error_cross_site', event.locals.locale));
		const type = event.request.headers.get('content-type') ?? '';
		if (!event.route.id?.startsWith('/api') && !FORM_TYPES.test(type)) {
			return plainText(400, translate('error_form', event.locals.locale));
		}
	}
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	// The phone was cleared while the server was out of reach: its first answer since then ends
	// the session the phone still holds and clears what the page could not (a redirect thrown by
	// the access check below carries the cookies' removal, not Clear-Site-Data). The page's own
	// post to /clear, made just after it set the marker, does the same itself.
	if (
		clearPending(event.cookies) &&
		!(event.route.id === '/clear' && event.request.method === 'POST')
	) {
		await signOutThisPhone(getDb(), event.cookies);
		event.setHeaders({ 'clear-site-data': CLEAR_SITE_DATA });
		return resolve(event);
	}
	const token = event.cookies.get(sessionCookieName());
	if (token) {
		const result = await validateSessionToken(getDb(), token, Date.now(), {
			idleMs: config.sharedIdleMs
		});
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			// A shared phone's cookie never gets an expiry: it ends when the browser closes.
			setSessionCookie(
				event.cookies,
				token,
				result.session.shared ? null : result.session.expiresAt
			);
		} else {
			clearSessionCookie(event.cookies);
		}
	}
	return resolve(event);
};

function wantsHtml(request: Request): boolean {
	return (request.headers.get('accept') ?? '').includes('text/html');
}

const handleAccess: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	if (routeId === null) return resolve(event); // no such route: SvelteKit answers 404
	const pin = waitsForPin(
		event.locals.session,
		lookFromCookies(event.request.headers.get('cookie'))
	);
	const decision = decide(routeId, event.locals.user, event.locals.session?.locked, pin);
	const path = event.url.pathname + event.url.search;
	switch (decision) {
		case 'allow':
			return resolve(event);
		case 'home':
			redirect(303, homeFor(signedInUser(event.locals).kind));
		// falls through: redirect() throws
		case 'change_password':
			redirect(303, '/account/password');
		// falls through
		case 'sign_in':
			if (wantsHtml(event.request) || event.isDataRequest) {
				redirect(303, `/signin?next=${encodeURIComponent(path)}`);
			}
			return plainText(401, translate('error_sign_in_needed', event.locals.locale));
		case 'unlock':
			// A shared phone left idle: the password again, then back to where the person was.
			if (wantsHtml(event.request) || event.isDataRequest) {
				redirect(303, `/unlock?next=${encodeURIComponent(path)}`);
			}
			return plainText(401, translate('error_unlock_needed', event.locals.locale));
		case 'pin':
			// Behind a disguise: the code first, then back to where the person was going.
			if (wantsHtml(event.request) || event.isDataRequest) {
				redirect(303, `/pin?next=${encodeURIComponent(path)}`);
			}
			return plainText(401, translate('error_pin_needed', event.locals.locale));
		case 'forbidden': {
			const message = translate('error_forbidden', event.locals.locale);
			if (event.request.method === 'GET' && wantsHtml(event.request) && !event.isDataRequest) {
				// Render the translated "not allowed" page in place, with status 403; the refused
				// route's own code never runs.
				const page = await event.fetch('/forbidden', { headers: { accept: 'text/html' } });
				const headers = new Headers(page.headers);
				headers.set('x-lanpya-access', 'denied');
				return new Response(page.body, { status: 403, headers });
			}
			return plainText(403, message, DENIED);
		}
	}
};

export const handle: Handle = sequence(
	handleHeaders,
	handleOldNames,
	handleLocale,
	handleLook,
	handleOrigin,
	handleSession,
	handleAccess
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	// A request SvelteKit itself refuses (an address that is not valid UTF-8) is the sender's
	// mistake, not ours: a translated 400, and nothing logged.
	if (status < 500)
		return {
			message: translate(
				status === 404 ? 'error_not_found' : 'error_invalid',
				event.locals.locale ?? 'my'
			)
		};
	console.error(`[${event.route.id ?? event.url.pathname}]`, error);
	return { message: translate('error_server', event.locals.locale ?? 'my') };
};
