/**
 * What this phone holds of downloaded courses, read without fetching anything (browser only):
 * the small part the app's every page needs; downloading itself is in downloads.ts.
 */

export interface OfflineManifest {
	id: string;
	version: number;
	title: { my: string; en: string };
	files: { url: string; bytes: number }[];
	bytes: number;
}

export interface StoredCourse {
	id: string;
	/** The manifest of the complete download, or null while a download is unfinished. */
	manifest: OfflineManifest | null;
	/** The course's title, known as soon as a download starts (null for one started by an older version of Lanpya). */
	title: { my: string; en: string } | null;
}

const PREFIX = 'lanpya-course-';
export const cacheName = (courseId: string) => `${PREFIX}${courseId}`;
export const manifestUrl = (courseId: string) => `/api/courses/${courseId}/offline`;
/** Where a download keeps the course's title while its files arrive, so an unfinished one is named. */
export const titleUrl = (courseId: string) => `${manifestUrl(courseId)}/title`;

export const isPicture = (url: string) => url.startsWith('/media/');

/** The data saver setting of this phone (a cookie the account page sets; nothing personal). */
export const dataSaverChosen = () => typeof document !== 'undefined' && /(?:^|;\s*)lanpya_saver=on(?:;|$)/.test(document.cookie);

export type UpdateMode = 'auto' | 'ask';
/** How downloads follow new versions: a cookie of this phone, not of the account. */
const UPDATES_COOKIE = 'lanpya_updates';

/** Automatic unless the learner chose to be asked. */
export const updateMode = (): UpdateMode => (typeof document !== 'undefined' && new RegExp(`(?:^|;\\s*)${UPDATES_COOKIE}=ask(?:;|$)`).test(document.cookie) ? 'ask' : 'auto');

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
	if (!(await caches.has(cacheName(courseId)))) return null;
	const cache = await caches.open(cacheName(courseId));
	const marker = await cache.match(manifestUrl(courseId));
	const manifest = marker ? ((await marker.json()) as OfflineManifest) : null;
	const title = manifest?.title ?? ((await (await cache.match(titleUrl(courseId)))?.json()) as StoredCourse['title'] | undefined) ?? null;
	return { id: courseId, manifest, title };
}

/** Every course on this phone, complete or not. */
export async function storedCourses(): Promise<StoredCourse[]> {
	const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
	const courses = await Promise.all(names.map((name) => storedCourse(name.slice(PREFIX.length))));
	return courses.filter((c): c is StoredCourse => c !== null);
}
