/**
 * The one IndexedDB database of the app on this phone (browser and service worker): the offline
 * outbox (`events`, `meta`) and what checks the code that opens a disguised app (`meta`). Named
 * neutrally (src/lib/stored-names.ts); a phone that still holds the database under its old name
 * has it moved here the first time it is opened.
 */
import { DATABASE, OLD_NAMES } from '$lib/stored-names';

export const EVENTS = 'events';
export const META = 'meta';

function openNamed(name: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name, 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore(EVENTS, { keyPath: 'id' });
			request.result.createObjectStore(META);
		};
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
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
 * Moves what the database held under its old name (waiting events, the current account) into
 * this one, then deletes the old one. Only where the browser can list its databases: opening
 * a database that is not there would create it.
 */
async function moveOldDatabase(): Promise<void> {
	if (!indexedDB.databases || !(await indexedDB.databases()).some((db) => db.name === OLD_NAMES.database)) return;
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

let moved: Promise<void> | undefined;

/** Opens the database (after moving an old one, once per page or worker). */
export async function open(): Promise<IDBDatabase> {
	moved ??= moveOldDatabase().catch(() => {
		// Not movable now (another tab holds it open): the next page tries again.
	});
	await moved;
	return openNamed(DATABASE);
}

/** Runs one request on `store` and closes the database. */
export async function run<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	return new Promise<T>((resolve, reject) => {
		const request = work(db.transaction(store, mode).objectStore(store));
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	}).finally(() => db.close());
}
