/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Lanpya's service worker. It keeps the app shell (scripts, styles, icons, the offline page)
 * so the app opens with no network, and nothing personal: pages always come from the network
 * and are never stored; without a network the offline page answers instead.
 */
import { build, files, version } from '$service-worker';
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { clientsClaim } from 'workbox-core';
import { flush, OUTBOX_SYNC } from '$lib/offline/outbox';

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_PAGE = '/offline';
/** The reader for downloaded courses (src/routes/offline/reader). */
const READER_PAGE = '/offline/reader';
/** Matches src/lib/offline/downloads.ts. */
const courseCache = (courseId: string) => `lanpya-course-${courseId}`;

/** Hashed files never change: no revision needed. The editors' and partners' code is left out. */
const shell = [
	...build.filter((file) => !/\/chunks\/staff-/.test(file)).map((url) => ({ url, revision: null })),
	...files.filter((file) => /\.(svg|png|webmanifest)$/.test(file)).map((url) => ({ url, revision: version })),
	{ url: OFFLINE_PAGE, revision: version },
	{ url: READER_PAGE, revision: version }
];

// The shell is fetched without cookies, so no page in it can carry anyone's session or name.
addPlugins([{ requestWillFetch: async ({ request }) => new Request(request.url, { credentials: 'omit', cache: 'no-store' }) }]);
precacheAndRoute(shell);
cleanupOutdatedCaches();
// The first time, take charge of the open page at once, so it works offline without a reload.
// Later versions wait until the learner chooses to reload (see the message handler).
clientsClaim();

// Pages come from the network only; they are never stored, whatever they hold.
registerRoute(new NavigationRoute(new NetworkOnly()));

// Images and package files of downloaded courses: from the phone when there, else the network.
registerRoute(
	({ url }) => url.origin === self.location.origin && (url.pathname.startsWith('/media/courses/') || /^\/api\/courses\/[a-z0-9-]+\/offline\//.test(url.pathname)),
	async ({ request, url }) => {
		const courseId = url.pathname.split('/')[3];
		const stored = (await caches.has(courseCache(courseId))) ? await (await caches.open(courseCache(courseId))).match(request, { ignoreSearch: true }) : undefined;
		return stored ?? fetch(request);
	}
);

/** A page of a course that is on this phone: the course, a lesson, or a quiz. */
async function downloadedCourse(url: URL): Promise<boolean> {
	const courseId = url.pathname.match(/^\/learn\/courses\/([a-z0-9-]+)(\/(lessons|quizzes)\/[a-z0-9-]+)?\/?$/)?.[1];
	if (!courseId || !(await caches.has(courseCache(courseId)))) return false;
	return Boolean(await (await caches.open(courseCache(courseId))).match(`/api/courses/${courseId}/offline`));
}

// No network: a downloaded course opens in the reader; any other page says it needs the internet.
setCatchHandler(async ({ request }) => {
	if (request.mode !== 'navigate') return Response.error();
	const page = (await downloadedCourse(new URL(request.url))) ? READER_PAGE : OFFLINE_PAGE;
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
	if (sync.tag !== OUTBOX_SYNC) return;
	sync.waitUntil(
		flush().then((sent) => {
			if (!sent) throw new Error('The outbox is still waiting.');
		})
	);
});
