/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Lanpya's service worker. It keeps the app shell (scripts, styles, the offline page, the
 * reader, "Clear this phone" and, once a disguise is chosen, its cover screen) so the app opens
 * with no network, and nothing personal: pages come from the network and are never stored;
 * without a network the offline page answers instead, "Clear this phone" and the cover screen
 * their own kept copies, or the reader for a downloaded course, whose lessons and quizzes it
 * opens even with a network. A first visit costs no byte more than its page: the worker keeps
 * what the browser has just loaded, and the rest comes on a later visit or with a download.
 */
import { build, files, version } from '$service-worker';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { clientsClaim } from 'workbox-core';
import { flush, isOutboxSync } from '$lib/offline/outbox';
import { courseCacheName } from '$lib/offline/stored';
import { movesOldDatabaseWith } from '$lib/offline/idb';
import { moveOldCourses, moveOldDatabase } from '$lib/offline/old-names';
import { coverPath, isNeutralLook, NEUTRAL_LOOKS, type Look } from '$lib/disguise';
import { isKeepShell, type KeepShell } from '$lib/pwa/shell';
import { DIRECTORY_CACHE, SHELL_CACHE_PREFIX } from '$lib/stored-names';
import {
	DIRECTORY_COPY_PARAM,
	DIRECTORY_LOCALE_PARAM,
	DIRECTORY_PAGE,
	DIRECTORY_VERSION_HEADER,
	isKeepDirectory,
	type DirectoryLocale
} from '$lib/pwa/directory';

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_PAGE = '/offline';
/** The reader for downloaded courses (src/routes/offline/reader). */
const READER_PAGE = '/offline/reader';
/** "Clear this phone" must work with no network too. */
const CLEAR_PAGE = '/clear';
const PAGES = [OFFLINE_PAGE, READER_PAGE, CLEAR_PAGE];

/** This version's shell; other versions' are removed once this one takes over. */
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${version}`;
/** The cache the shell was kept in before it had a neutral name (Workbox's). */
const OLD_SHELL_PREFIX = 'workbox-precache';

/**
 * Hashed files never change. Left out: the editors' and partners' code, and the pages that need
 * the network anyway (`nodes/N-net.*.js`, see scripts/vite-chunks.ts).
 */
const HASHED = build.filter(
	(file) => !/\/chunks\/staff-/.test(file) && !/\/nodes\/\d+-net\./.test(file)
);
const STATIC = new Set(files);
/** The tab's icon and the manifest the kept pages name. The PNG icons serve installing only, online. */
const ICONS = ['/favicon.svg', '/manifest.webmanifest'].filter((file) => STATIC.has(file));
/** A disguise's own files: its cover screen and its tab icon. */
const lookFiles = (look: Look) =>
	isNeutralLook(look)
		? [coverPath(look), ...[`/icons/${look}.svg`].filter((file) => STATIC.has(file))]
		: [];
/** Every address the shell may hold, whatever the look. */
const SHELL = new Set([...HASHED, ...ICONS, ...PAGES, ...NEUTRAL_LOOKS.flatMap(lookFiles)]);
const isPage = (path: string) => PAGES.includes(path) || path.startsWith('/cover/');

/**
 * Puts `path` in the shell unless it is there. A hashed file kept by an earlier version is the
 * same file and is copied. `held`: only from the browser's HTTP cache, never the network.
 */
async function keepFile(cache: Cache, path: string, held: boolean): Promise<void> {
	if (await cache.match(path)) return;
	const earlier = path.startsWith('/_app/immutable/') ? await caches.match(path) : undefined;
	if (earlier) return cache.put(path, earlier);
	const request = held
		? new Request(path, { cache: 'only-if-cached', mode: 'same-origin' })
		: isPage(path)
			? // Pages are fetched without cookies, so no page kept can carry anyone's session or name.
				new Request(path, { credentials: 'omit', cache: 'no-store' })
			: // Files the page has just loaded come from the browser's HTTP cache, not the network again.
				new Request(path);
	const response = await fetch(request).catch(() => null);
	if (response?.ok) await cache.put(path, response);
}

/**
 * Keeps the shell: `held`, only what the browser already holds (a first visit: the code of the
 * page just loaded); otherwise all of it, with the cover screens of `looks` and no other's.
 */
async function keepShellFiles(looks: Look[], held: boolean): Promise<void> {
	const cache = await caches.open(SHELL_CACHE);
	const wanted = held
		? [...HASHED, ...ICONS]
		: [...HASHED, ...ICONS, ...PAGES, ...looks.flatMap(lookFiles)];
	// A few at a time: a slow network is not asked for everything at once.
	for (let i = 0; i < wanted.length; i += 4)
		await Promise.all(wanted.slice(i, i + 4).map((path) => keepFile(cache, path, held)));
	if (held) return;
	const others = NEUTRAL_LOOKS.filter((look) => !looks.includes(look)).flatMap(lookFiles);
	await Promise.all(others.map((path) => cache.delete(path)));
}

/** The shells of earlier versions (or of the earlier code): their cache names. */
async function earlierShells(): Promise<string[]> {
	return (await caches.keys()).filter(
		(name) =>
			name !== SHELL_CACHE &&
			(name.startsWith(SHELL_CACHE_PREFIX) || name.startsWith(OLD_SHELL_PREFIX))
	);
}

/** Whether a cache holds `path` (Workbox kept pages with a revision in their address). */
const holds = async (name: string, path: string) =>
	Boolean(await (await caches.open(name)).match(path, { ignoreSearch: true }));

/**
 * A new version: if the phone kept the whole shell, the new version's comes now (its changed
 * files only; the rest is copied), with the cover screens it kept. A first visit keeps only what
 * the browser has just loaded, so the visit costs nothing more than the page.
 */
self.addEventListener('install', (event) =>
	event.waitUntil(
		(async () => {
			for (const name of await earlierShells()) {
				if (!(await holds(name, READER_PAGE))) continue;
				const looks: Look[] = [];
				for (const look of NEUTRAL_LOOKS) if (await holds(name, coverPath(look))) looks.push(look);
				return keepShellFiles(looks, false);
			}
			return keepShellFiles([], true);
		})()
	)
);

self.addEventListener('activate', (event) =>
	event.waitUntil(
		(async () => {
			await Promise.all((await earlierShells()).map((name) => caches.delete(name)));
			// Courses downloaded by an earlier version sit in caches named after the app: moved to
			// their neutral names (src/lib/stored-names.ts) before this worker answers anything.
			await moveOldCourses().catch(() => {});
		})()
	)
);
// The first time, take charge of the open page at once, so it works offline without a reload.
// Later versions wait until the learner chooses to reload (see the message handler).
clientsClaim();
// The outbox's old database is moved the first time the worker opens it (src/lib/offline/idb.ts).
movesOldDatabaseWith(moveOldDatabase);

/** One request at a time, so two pages asking never fetch a file twice. */
let keeping: Promise<void> = Promise.resolve();
function keepShell({ look, full }: KeepShell): Promise<void> {
	// A keeping that failed (the network dropped) must not refuse every later one.
	keeping = keeping
		.catch(() => undefined)
		.then(async () => {
			// Not asked for the whole shell and not kept yet: a first visit, which keeps nothing more.
			if (!full && !(await (await caches.open(SHELL_CACHE)).match(READER_PAGE))) return;
			await keepShellFiles(isNeutralLook(look) ? [look] : [], false);
		});
	return keeping;
}

/** A file of the shell, kept on the phone. */
async function fromShell(path: string): Promise<Response | undefined> {
	return (await caches.open(SHELL_CACHE)).match(path);
}

// The shell's files from the phone when kept, else from the network.
registerRoute(
	({ url, request }) =>
		url.origin === self.location.origin &&
		url.search === '' &&
		request.method === 'GET' &&
		SHELL.has(url.pathname),
	async ({ request, url }) => (await fromShell(url.pathname)) ?? fetch(request)
);

// Pages come from the network only; they are never stored, whatever they hold. The one
// exception holds nothing personal: a lesson or quiz of a course on this phone opens in the
// reader, kept with the shell, so reading what was downloaded costs no data.
const network = new NetworkOnly();
registerRoute(
	new NavigationRoute(async (options) => {
		const reader = (await onPhone(options.url, true)) ? await fromShell(READER_PAGE) : undefined;
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

/**
 * The directory of support services at `version` in `locale`, kept unless it is already: its
 * public page (fetched without cookies, so it names nobody; its language named in the address),
 * and the code it runs on, from the browser's HTTP cache where the page has just loaded it, so
 * its filters work offline too.
 */
async function keepDirectory(version: string, locale: DirectoryLocale): Promise<boolean> {
	const cache = await caches.open(DIRECTORY_CACHE);
	const kept = await cache.match(DIRECTORY_PAGE);
	const same = (response: Response | undefined) =>
		response?.headers.get(DIRECTORY_VERSION_HEADER) === version &&
		response.headers.get('content-language') === locale;
	if (same(kept)) return true;
	const response = await fetch(
		new Request(`${DIRECTORY_PAGE}?${DIRECTORY_COPY_PARAM}&${DIRECTORY_LOCALE_PARAM}=${locale}`, {
			credentials: 'omit',
			cache: 'no-store'
		})
	).catch(() => null);
	if (!response?.ok) return false;
	const html = await response.clone().text();
	await cache.put(DIRECTORY_PAGE, response);
	const shell = await caches.open(SHELL_CACHE);
	const code = [...html.matchAll(/\/_app\/immutable\/[\w./-]+/g)].map(([path]) => path);
	await Promise.all(
		[...new Set(code)].filter((path) => SHELL.has(path)).map((path) => keepFile(shell, path, true))
	);
	return same(response);
}

/** The kept directory page, when there is one. */
async function keptDirectory(): Promise<Response | undefined> {
	return (await caches.open(DIRECTORY_CACHE)).match(DIRECTORY_PAGE);
}

// No network: the directory of support services opens in its kept copy; a downloaded course opens in the reader, "Clear this phone" in its kept copy; any
// other page says it needs the internet.
setCatchHandler(async ({ request }) => {
	if (request.mode !== 'navigate') return Response.error();
	const url = new URL(request.url);
	const directory = url.pathname === DIRECTORY_PAGE ? await keptDirectory() : undefined;
	if (directory) return directory;
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
	return (await fromShell(page)) ?? Response.error();
});

// The page asks for this when the learner chooses to reload into a new version.
// A page asks for the rest of the shell on a later visit and before a download (src/lib/pwa/shell.ts).
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
	if (isKeepDirectory(event.data))
		event.waitUntil(
			keepDirectory(event.data.version, event.data.locale)
				.catch(() => false)
				.then((kept) => event.ports[0]?.postMessage(kept ? 'kept' : 'not kept'))
		);
	if (isKeepShell(event.data))
		event.waitUntil(
			keepShell(event.data)
				.catch(() => {})
				.finally(() => event.ports[0]?.postMessage('kept'))
		);
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
