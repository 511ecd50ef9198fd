import { lookFromCookies } from '$lib/disguise';
import { badgeFor } from '$lib/server/applications/news';
import { sha256Hex } from '$lib/server/auth/tokens';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals, route, request }) => ({
	locale: locals.locale,
	user: locals.user ? { username: locals.user.username, kind: locals.user.kind } : null,
	// In-app notification badge: news on applications, or what waits for an administrator.
	badge: locals.user ? await badgeFor(getDb(), locals.user) : 0,
	// Tags what a learner's phone queues offline, so another account never sends it as theirs. Opaque.
	outboxKey: locals.user?.kind === 'learner' ? sha256Hex(`outbox:${locals.user.id}`).slice(0, 16) : null,
	// Pages the service worker keeps without cookies (offline, the reader), shown at other
	// addresses: they know no account, and their header leads back to the app.
	kept: route.id === '/offline' || route.id === '/offline/reader',
	/** The disguise chosen on this phone (a cookie, never the account's). */
	look: lookFromCookies(request.headers.get('cookie')),
	/** Where "Leave quickly" goes (QUICK_EXIT_URL). */
	exitUrl: config.exitUrl
})) satisfies LayoutServerLoad;
