/**
 * What an earlier version kept on the phone under names of the app (browser and service
 * worker), moved into the neutral names (src/lib/stored-names.ts): downloaded courses, which
 * until then are read where they are (stored.ts, courseCacheName), and the offline outbox.
 * Loaded only by what writes downloads, by the service worker, and by a page when the old
 * database is there (src/lib/offline/idb.ts, movesOldDatabaseWith): no first visit carries it.
 */
import { DATABASE, OLD_NAMES } from '$lib/stored-names';
import { EVENTS, META, openNamed } from './idb';
import { cacheName, oldCacheName } from './stored';

/** Moves a course from its old cache into its own (before writing to it); nothing when there is none. */
export async function moveOldCourse(courseId: string): Promise<void> {
	if (!(await caches.has(oldCacheName(courseId)))) return;
	const old = await caches.open(oldCacheName(courseId));
	const own = await caches.open(cacheName(courseId));
	for (const request of await old.keys()) {
		const response = await old.match(request);
		if (response && !(await own.match(request))) await own.put(request, response);
	}
	await caches.delete(oldCacheName(courseId));
}

/** Moves every course out of a cache named after the app (the service worker, when it starts). */
export async function moveOldCourses(): Promise<void> {
	const prefix = OLD_NAMES.courseCachePrefix;
	for (const name of await caches.keys())
		if (name.startsWith(prefix)) await moveOldCourse(name.slice(prefix.length));
}

function done(request: IDBRequest | IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		if (request instanceof IDBTransaction) {
			request.oncomplete = () => resolve();
			request.onerror = request.onabort = () => reject(request.error);
		} else {
			request.onsuccess = () => resolve();
			request.onerror = () => reject(request.error);
		}
	});
}

/**
 * Moves what the outbox's database held under its old name (waiting events, the current
 * account) into the new one, then deletes the old one (idb.ts runs this when the old one is there).
 */
export async function moveOldDatabase(): Promise<void> {
	const old = await openNamed(OLD_NAMES.database);
	const read = old.transaction([EVENTS, META], 'readonly');
	const events = read.objectStore(EVENTS).getAll();
	const keys = read.objectStore(META).getAllKeys();
	const values = read.objectStore(META).getAll();
	await done(read);
	old.close();
	const db = await openNamed(DATABASE);
	const write = db.transaction([EVENTS, META], 'readwrite');
	for (const event of events.result) write.objectStore(EVENTS).put(event);
	keys.result.forEach((key, i) => write.objectStore(META).put(values.result[i], key));
	await done(write);
	db.close();
	await done(indexedDB.deleteDatabase(OLD_NAMES.database));
}
