/**
 * Courses kept on the phone for reading offline (browser only). Each course has its own Cache
 * Storage cache with the files of its offline package (public content: no progress, no
 * account). The package's manifest is stored last, so a course without it is an interrupted
 * download, which goes on from the files it already has.
 */

import {
	asOnlyWriter,
	cacheName,
	courseCacheName,
	downloadsAllowed,
	isClip,
	isPicture,
	manifestUrl,
	oldCacheName,
	signatureUrl,
	storedCourse,
	keepOnly,
	titleUrl,
	type OfflineManifest
} from './stored';
import { moveOldCourse } from './old-names';

export * from './stored';

/**
 * Downloads what is missing of the course's current version and reports bytes as it goes.
 * Files already on the phone are skipped, so a second call after an interruption, or after a
 * new version, fetches only what is new. Files of older versions are removed at the end.
 */
export function downloadCourse(
	courseId: string,
	onProgress: (done: number, total: number) => void,
	options: { pictures?: boolean; audio?: boolean; signal?: AbortSignal } = {}
): Promise<OfflineManifest> {
	// A shared phone's session downloads nothing (stored.ts, refuseDownloads).
	if (!downloadsAllowed()) return Promise.reject(new Error('shared phone'));
	// One download per course at a time: a page that starts one while another (an automatic
	// update, say) runs follows that one instead of fetching the same files again.
	let running = downloads.get(courseId);
	if (!running) {
		const listeners = new Set<(done: number, total: number) => void>();
		const promise = asOnlyWriter(courseId, () =>
			fetchCourse(
				courseId,
				(done, total) => listeners.forEach((listener) => listener(done, total)),
				options
			)
		).finally(() => downloads.delete(courseId));
		running = { promise, listeners };
		downloads.set(courseId, running);
	}
	running.listeners.add(onProgress);
	return running.promise;
}
const downloads = new Map<
	string,
	{ promise: Promise<OfflineManifest>; listeners: Set<(done: number, total: number) => void> }
>();

async function fetchCourse(
	courseId: string,
	onProgress: (done: number, total: number) => void,
	{ pictures = true, audio, signal }: { pictures?: boolean; audio?: boolean; signal?: AbortSignal }
): Promise<OfflineManifest> {
	const response = await fetch(manifestUrl(courseId), { signal, cache: 'no-store' });
	if (!response.ok) throw new Error(`manifest ${response.status}`);
	const full = (await response.json()) as OfflineManifest;
	// An update keeps the learner's choice of sound or text only.
	const withAudio = audio ?? (await audioChosen(courseId));
	// Data saver: the course without its pictures (lessons show their descriptions instead);
	// text only: without its sound clips.
	const files = full.files.filter(
		(f) => (pictures || !isPicture(f.url)) && (withAudio || !isClip(f.url))
	);
	const manifest: OfflineManifest = {
		...full,
		files,
		bytes: files.reduce((sum, f) => sum + f.bytes, 0),
		audio: withAudio
	};
	// What an earlier version kept under the app's name is kept, under the course's own cache.
	await moveOldCourse(courseId);
	const cache = await caches.open(cacheName(courseId));
	// Named from the start: "On this phone" lists an unfinished download by its title.
	await cache.put(
		titleUrl(courseId),
		new Response(JSON.stringify(manifest.title), {
			headers: { 'content-type': 'application/json' }
		})
	);
	// The server's signed list of the same files, so the course can be passed on as one file
	// (course-file-store.ts). A few kilobytes; a course is still read without it. Kept at once
	// under its version's address, so a download that goes on after a cut does not fetch it
	// again; under the course's own address only once the download is whole (below).
	// The version in the address: the service worker answers a stored course's files from the
	// phone, and must not answer an update with the signed list of the version it replaces.
	const pending = `${signatureUrl(courseId)}?v=${full.version}`;
	const signed =
		(await (await cache.match(pending))?.text()) ??
		(await fetch(pending, { signal, credentials: 'omit' })
			.then((r) => (r.ok ? r.text() : null))
			.catch(() => null));
	if (signed)
		await cache.put(
			pending,
			new Response(signed, { headers: { 'content-type': 'application/json' } })
		);
	let done = 0;
	onProgress(done, manifest.bytes);
	for (const file of manifest.files) {
		if (!(await cache.match(file.url))) {
			const body = await fetch(file.url, { signal, credentials: 'omit' });
			if (!body.ok) throw new Error(`${file.url} ${body.status}`);
			await cache.put(file.url, body);
		}
		done += file.bytes;
		onProgress(done, manifest.bytes);
	}
	// The reader and the offline page, which a first visit did not keep, come with the course.
	// Imported here, not above: the module then stays in the worker's registration script, which
	// every page that may download has loaded, instead of a shared script every page would load.
	await (await import('$lib/pwa/shell')).keepShell(true);
	if (signed)
		await cache.put(
			signatureUrl(courseId),
			new Response(signed, { headers: { 'content-type': 'application/json' } })
		);
	// Without it, the list of the version before would no longer match the files.
	else await cache.delete(signatureUrl(courseId));
	await cache.put(
		manifestUrl(courseId),
		new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json' } })
	);
	// Only now, with the new version whole and listed, do the files of the one before go: until
	// then the phone holds that one, whole, and reads it.
	await keepOnly(cache, courseId, manifest.files);
	return manifest;
}

/** Whether the course on the phone was downloaded with its sound (yes when not on the phone). */
export async function audioChosen(courseId: string): Promise<boolean> {
	return (await storedCourse(courseId))?.manifest?.audio !== false;
}

/** Bytes of the course's files already on the phone (for an interrupted download). */
export async function storedBytes(courseId: string, manifest: OfflineManifest): Promise<number> {
	const name = await courseCacheName(courseId);
	if (!name) return 0;
	const cache = await caches.open(name);
	let bytes = 0;
	for (const file of manifest.files) if (await cache.match(file.url)) bytes += file.bytes;
	return bytes;
}

export async function removeCourse(courseId: string): Promise<void> {
	await asOnlyWriter(courseId, () =>
		Promise.all([cacheName(courseId), oldCacheName(courseId)].map((name) => caches.delete(name)))
	);
}

/** A JSON file of a downloaded course (`course`, `lessons/<id>`, `quizzes/<id>`), or null. */
export async function readStored<T>(courseId: string, name: string): Promise<T | null> {
	const stored = await storedCourse(courseId);
	const file = stored?.manifest?.files.find((f) =>
		f.url.startsWith(`${manifestUrl(courseId)}/${name}?`)
	);
	const cache = await courseCacheName(courseId);
	if (!file || !cache) return null;
	const response = await (await caches.open(cache)).match(file.url);
	return response ? ((await response.json()) as T) : null;
}
