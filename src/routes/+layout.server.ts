import { decide } from '$lib/server/access';
import { lookFromCookies } from '$lib/disguise';
import { badgeFor } from '$lib/server/applications/news';
import { sha256Hex } from '$lib/server/auth/tokens';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals, route, request }) => {
	// A shared phone's idle session: its pages show nothing of the account until the password.
	const locked = locals.session?.locked ?? false;
	// A page that would ask a locked session for the password: it moves to the lock page by
	// itself once the session is idle long enough, so nobody reads it on a phone left lying.
	const lockable = Boolean(locals.session?.shared && !locked && route.id && decide(route.id, locals.user, true) === 'unlock');
	return {
		locale: locals.locale,
		// shared: signed in with "This is a shared phone": no service worker, no downloads. Never
		// the username: every page's data would carry it (the lock page and the account page
		// load it themselves).
		user: locals.user ? { kind: locals.user.kind, shared: locals.session?.shared ?? false } : null,
		locked,
		lockAfterMs: lockable ? config.sharedIdleMs : null,
		// In-app notification badge: news on applications, or what waits for an administrator.
		badge: locals.user && !locked ? await badgeFor(getDb(), locals.user) : 0,
		// Tags what a learner's phone queues offline, so another account never sends it as theirs. Opaque.
		outboxKey: locals.user?.kind === 'learner' ? sha256Hex(`outbox:${locals.user.id}`).slice(0, 16) : null,
		// Pages the service worker keeps without cookies (offline, the reader), shown at other
		// addresses: they know no account, and their header leads back to the app.
		kept: route.id === '/offline' || route.id === '/offline/reader',
		/** The disguise chosen on this phone (a cookie, never the account's). */
		look: lookFromCookies(request.headers.get('cookie')),
		/** Where "Leave quickly" goes (QUICK_EXIT_URL). */
		exitUrl: config.exitUrl
	};
}) satisfies LayoutServerLoad;
