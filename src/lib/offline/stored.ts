/**
 * What this phone holds of downloaded courses, read without fetching anything (browser and
 * service worker): the small part the app's every page needs; downloading itself is in
 * downloads.ts.
 */
import { COOKIES, COURSE_CACHE_PREFIX, OLD_NAMES } from '$lib/stored-names';

export interface OfflineManifest {
	id: string;
	version: number;
	title: { my: string; en: string };
	files: { url: string; bytes: number }[];
	bytes: number;
	/** False when the learner chose the course without its sound clips ("text only"). */
	audio?: boolean;
}

export interface StoredCourse {
	id: string;
	/** The manifest of the complete download, or null while a download is unfinished. */
	manifest: OfflineManifest | null;
	/** The course's title, known as soon as a download starts (null for one started by an older version of Lanpya). */
	title: { my: string; en: string } | null;
}

const PREFIX = COURSE_CACHE_PREFIX;
const OLD_PREFIX = OLD_NAMES.courseCachePrefix;
/** The cache a course is downloaded into. */
export const cacheName = (courseId: string) => `${PREFIX}${courseId}`;
/** The name an earlier version gave the course's cache (src/lib/offline/old-names.ts moves it). */
export const oldCacheName = (courseId: string) => `${OLD_PREFIX}${courseId}`;
const courseOf = (name: string) =>
	name.startsWith(PREFIX)
		? name.slice(PREFIX.length)
		: name.startsWith(OLD_PREFIX)
			? name.slice(OLD_PREFIX.length)
			: null;

/**
 * The cache holding a course: its own, or the one an earlier version named after the app, on a
 * phone whose service worker has not moved it yet (an update waiting for the learner's tap).
 */
export async function courseCacheName(courseId: string): Promise<string | null> {
	if (await caches.has(cacheName(courseId))) return cacheName(courseId);
	return (await caches.has(oldCacheName(courseId))) ? oldCacheName(courseId) : null;
}

/** Whether any course, complete or not, is on this phone. */
export async function hasStoredCourses(): Promise<boolean> {
	return (
		typeof caches !== 'undefined' && (await caches.keys()).some((name) => courseOf(name) !== null)
	);
}
/**
 * Runs `work` as the only writer of the course on this phone, across its tabs: a download, an
 * update, a file opened and a removal wait for one another instead of mixing two versions'
 * files in one cache. Where the browser has no Web Locks, `work` runs at once.
 */
export function asOnlyWriter<T>(courseId: string, work: () => Promise<T>): Promise<T> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	return locks ? (locks.request(`course-${courseId}`, work) as Promise<T>) : work();
}

export const manifestUrl = (courseId: string) => `/api/courses/${courseId}/offline`;
/** Where a download keeps the course's title while its files arrive, so an unfinished one is named. */
export const titleUrl = (courseId: string) => `${manifestUrl(courseId)}/title`;
/** Where a download keeps the server's signed list of the course's files, to pass it on as one file. */
export const signatureUrl = (courseId: string) => `${manifestUrl(courseId)}/signature`;

/**
 * Removes from the course's cache every file but `files` and the course's list and signed list:
 * what a version that replaced another leaves behind, and the title kept while it was written.
 */
export async function keepOnly(cache: Cache, courseId: string, files: { url: string }[]) {
	const own = [manifestUrl(courseId), signatureUrl(courseId)];
	const wanted = new Set(
		[...files.map((f) => f.url), ...own].map((url) => new URL(url, location.href).href)
	);
	for (const request of await cache.keys())
		if (!wanted.has(request.url)) await cache.delete(request);
}

/** A lesson's sound clip (Ogg Opus), which a learner may leave out of a download. */
export const isClip = (url: string) => /^\/media\/[^?]*\.ogg(?:\?|$)/.test(url);
export const isPicture = (url: string) => url.startsWith('/media/') && !isClip(url);

/** The data saver setting of this phone (a cookie the account page sets; nothing personal). */
export const dataSaverChosen = () =>
	typeof document !== 'undefined' &&
	new RegExp(`(?:^|;\\s*)${COOKIES.saver}=on(?:;|$)`).test(document.cookie);

export type UpdateMode = 'auto' | 'ask';
/** How downloads follow new versions: a cookie of this phone, not of the account. */
const UPDATES_COOKIE = COOKIES.updates;

/** Automatic unless the learner chose to be asked. */
export const updateMode = (): UpdateMode =>
	typeof document !== 'undefined' &&
	new RegExp(`(?:^|;\\s*)${UPDATES_COOKIE}=ask(?:;|$)`).test(document.cookie)
		? 'ask'
		: 'auto';

export function setUpdateMode(mode: UpdateMode): void {
	document.cookie = `${UPDATES_COOKIE}=${mode}; path=/; max-age=${400 * 24 * 3600}; samesite=lax`;
}

/** Whether this browser can keep courses (reading what is there, or downloading). */
export const canDownload = () => typeof caches !== 'undefined' && typeof fetch !== 'undefined';

let refused = false;
/**
 * A shared phone's session downloads nothing for offline use, not even updates of courses
 * someone else downloaded: the layout tells this module before any page's script runs.
 */
export function refuseDownloads(on: boolean): void {
	refused = on;
}
/** Whether this session may download (a course, or a new version of one on the phone). */
export const downloadsAllowed = () => canDownload() && !refused;

/** What this phone holds of a course. */
export async function storedCourse(courseId: string): Promise<StoredCourse | null> {
	const name = await courseCacheName(courseId);
	if (!name) return null;
	const cache = await caches.open(name);
	const marker = await cache.match(manifestUrl(courseId));
	const manifest = marker ? ((await marker.json()) as OfflineManifest) : null;
	const title =
		manifest?.title ??
		((await (await cache.match(titleUrl(courseId)))?.json()) as
			StoredCourse['title'] | undefined) ??
		null;
	return { id: courseId, manifest, title };
}

/** Every course on this phone, complete or not. */
export async function storedCourses(): Promise<StoredCourse[]> {
	const ids = new Set((await caches.keys()).flatMap((name) => courseOf(name) ?? []));
	const courses = await Promise.all([...ids].map((id) => storedCourse(id)));
	return courses.filter((c): c is StoredCourse => c !== null);
}
