/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Lanpya's service worker. It keeps the app shell (scripts, styles, icons, the offline page,
 * the reader, "Clear this phone" and the disguise's cover screens) so the app opens with no
 * network, and nothing personal: pages come from the network and are never stored; without a
 * network the offline page answers instead, "Clear this phone" and the cover screens their own
 * kept copies, or the reader for a downloaded course, whose lessons and quizzes it opens even
 * with a network.
 */
import { build, files, version } from '$service-worker';
import {
	addPlugins,
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { clientsClaim } from 'workbox-core';
import { flush, isOutboxSync } from '$lib/offline/outbox';
import { courseCacheName } from '$lib/offline/stored';
import { movesOldDatabaseWith } from '$lib/offline/idb';
import { moveOldCourses, moveOldDatabase } from '$lib/offline/old-names';
import { coverPath, NEUTRAL_LOOKS } from '$lib/disguise';

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_PAGE = '/offline';
/** The reader for downloaded courses (src/routes/offline/reader). */
const READER_PAGE = '/offline/reader';
/** "Clear this phone" must work with no network too. */
const CLEAR_PAGE = '/clear';

/**
 * Hashed files never change: no revision needed. Left out: the editors' and partners' code, and
 * the pages that need the network anyway (`nodes/N-net.*.js`, see scripts/vite-chunks.ts).
 */
const shell = [
	...build
		.filter((file) => !/\/chunks\/staff-/.test(file) && !/\/nodes\/\d+-net\./.test(file))
		.map((url) => ({ url, revision: null })),
	...files
		.filter((file) => /\.(svg|png|webmanifest)$/.test(file))
		.map((url) => ({ url, revision: version })),
	{ url: OFFLINE_PAGE, revision: version },
	{ url: READER_PAGE, revision: version },
	{ url: CLEAR_PAGE, revision: version },
	...NEUTRAL_LOOKS.map((look) => ({ url: coverPath(look), revision: version }))
];

// The shell is fetched without cookies, so no page in it can carry anyone's session or name.
addPlugins([
	{
		requestWillFetch: async ({ request }) =>
			new Request(request.url, { credentials: 'omit', cache: 'no-store' })
	}
]);
precacheAndRoute(shell);
cleanupOutdatedCaches();
// The first time, take charge of the open page at once, so it works offline without a reload.
// Later versions wait until the learner chooses to reload (see the message handler).
clientsClaim();
// Courses downloaded by an earlier version sit in caches named after the app: moved to their
// neutral names (src/lib/stored-names.ts) before this worker answers anything.
self.addEventListener('activate', (event) => event.waitUntil(moveOldCourses().catch(() => {})));
// The outbox's old database is moved the first time the worker opens it (src/lib/offline/idb.ts).
movesOldDatabaseWith(moveOldDatabase);

// Pages come from the network only; they are never stored, whatever they hold. The one
// exception holds nothing personal: a lesson or quiz of a course on this phone opens in the
// reader, kept with the shell, so reading what was downloaded costs no data.
const network = new NetworkOnly();
registerRoute(
	new NavigationRoute(async (options) => {
		const reader = (await onPhone(options.url, true))
			? await matchPrecache(READER_PAGE)
			: undefined;
		return reader ?? network.handle(options);
	})
);

// Images and package files of downloaded courses: from the phone when there, else the network.
registerRoute(
	({ url }) =>
		url.origin === self.location.origin &&
		(url.pathname.startsWith('/media/courses/') ||
			/^\/api\/courses\/[a-z0-9-]+\/offline\//.test(url.pathname)),
	async ({ request, url }) => {
		const courseId = url.pathname.split('/')[3];
		// Lessons name their pictures without the content hash the download added; package files
		// must match exactly, or a new version's file would be answered with the old one.
		const ignoreSearch = url.pathname.startsWith('/media/');
		const name = await courseCacheName(courseId);
		const stored = name
			? await (await caches.open(name)).match(request, { ignoreSearch })
			: undefined;
		return stored ?? fetch(request);
	}
);

/**
 * Whether the page is a downloaded course's: its course page (unless `itemsOnly`), or one of
 * its lessons or quizzes that the stored package holds.
 */
async function onPhone(url: URL, itemsOnly = false): Promise<boolean> {
	const [, courseId, section, itemId] =
		url.pathname.match(
			/^\/learn\/courses\/([a-z0-9-]+)(?:\/(lessons|quizzes)\/([a-z0-9-]+))?\/?$/
		) ?? [];
	const name = courseId ? await courseCacheName(courseId) : null;
	if (!courseId || !name || (itemsOnly && !section)) return false;
	const stored = await (await caches.open(name)).match(`/api/courses/${courseId}/offline`);
	if (!stored) return false;
	if (!section) return true;
	const { files } = (await stored.json()) as { files: { url: string }[] };
	return files.some((file) =>
		file.url.startsWith(`/api/courses/${courseId}/offline/${section}/${itemId}?`)
	);
}

// No network: a downloaded course opens in the reader, "Clear this phone" in its kept copy; any
// other page says it needs the internet.
setCatchHandler(async ({ request }) => {
	if (request.mode !== 'navigate') return Response.error();
	const url = new URL(request.url);
	// An app installed with a neutral look opens on its cover screen, with or without a network.
	const cover = NEUTRAL_LOOKS.map(coverPath).find((path) => path === url.pathname);
	const page =
		url.pathname === CLEAR_PAGE
			? CLEAR_PAGE
			: cover
				? cover
				: (await onPhone(url))
					? READER_PAGE
					: OFFLINE_PAGE;
	return (await matchPrecache(page)) ?? Response.error();
});

// The page asks for this when the learner chooses to reload into a new version.
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** Background Sync's event (Chromium); not in TypeScript's worker types. */
interface BackgroundSyncEvent extends ExtendableEvent {
	readonly tag: string;
}

// The network is back (Background Sync): send what the learner did offline, even with the app
// closed. When it fails, the browser tries again later.
self.addEventListener('sync', (event) => {
	const sync = event as BackgroundSyncEvent;
	if (!isOutboxSync(sync.tag)) return;
	sync.waitUntil(
		flush().then((sent) => {
			if (!sent) throw new Error('The outbox is still waiting.');
		})
	);
});
