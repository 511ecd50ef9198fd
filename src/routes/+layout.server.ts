import { decide } from '$lib/server/access';
import { lookFromCookies } from '$lib/disguise';
import { badgeFor, NO_BADGE } from '$lib/server/news';
import { DIRECTORY_COPY_PARAM } from '$lib/pwa/directory';
import { waitsForPin } from '$lib/server/auth/pin';
import { sha256Hex } from '$lib/server/auth/tokens';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals, route, request, url }) => {
	const look = lookFromCookies(request.headers.get('cookie'));
	// A session waiting for the disguise's code sees only the code's page (access.ts, PIN_OPEN).
	const waiting = waitsForPin(locals.session, look);
	// A shared phone's idle session: its pages show nothing of the account until the password.
	const locked = (locals.session?.locked ?? false) || waiting;
	// A page that would ask a locked session for the password, or for the code: it moves to the
	// lock page by itself once the session is idle long enough, so nobody reads it on a phone
	// left lying. The code's lock comes first when both would.
	const pinLockable = Boolean(
		locals.session?.guarded &&
		!waiting &&
		route.id &&
		decide(route.id, locals.user, false, true) === 'pin'
	);
	const lockable = Boolean(
		locals.session?.shared &&
		!locked &&
		route.id &&
		decide(route.id, locals.user, true) === 'unlock'
	);
	const lock =
		pinLockable && (!lockable || config.pinIdleMs <= config.sharedIdleMs)
			? { afterMs: config.pinIdleMs, path: '/pin' }
			: lockable
				? { afterMs: config.sharedIdleMs, path: '/unlock' }
				: null;
	return {
		locale: locals.locale,
		// shared: signed in with "This is a shared phone": no service worker, no downloads. The
		// username (the menu's "Signed in as") only while the session is open: a locked session's
		// pages, or one waiting for the code, carry nothing of the account (the lock pages load
		// it themselves).
		user: locals.user
			? {
					username: locked ? null : locals.user.username,
					kind: locals.user.kind,
					shared: locals.session?.shared ?? false
				}
			: null,
		locked,
		lock,
		/** An open session of an account with a code: pages opened without the server (the reader) need not ask it again. */
		guarded: Boolean(locals.session?.guarded && !waiting),
		/** How long the code holds without use, for those pages (no secret, the same for everyone). */
		pinIdleMs: config.pinIdleMs,
		// In-app notification badge: news on applications and trainings, or what waits for an administrator.
		badge: locals.user && !locked ? await badgeFor(getDb(), locals.user) : NO_BADGE,
		// Tags what a learner's phone queues offline, so another account never sends it as theirs. Opaque.
		outboxKey:
			locals.user?.kind === 'learner' ? sha256Hex(`outbox:${locals.user.id}`).slice(0, 16) : null,
		// Pages the service worker keeps without cookies (offline, the reader, its copy of the
		// directory of support services), shown at other addresses: they know no account, their
		// header leads back to the app, and behind a disguise they open only with the code.
		kept:
			route.id === '/offline' ||
			route.id === '/offline/reader' ||
			(route.id === '/(public)/help' && url.searchParams.has(DIRECTORY_COPY_PARAM)),
		/** The disguise chosen on this phone (a cookie, never the account's). */
		look,
		/** Where "Leave quickly" goes (QUICK_EXIT_URL). */
		exitUrl: config.exitUrl
	};
}) satisfies LayoutServerLoad;
