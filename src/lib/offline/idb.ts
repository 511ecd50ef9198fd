/**
 * The one IndexedDB database of the app on this phone (browser and service worker): the offline
 * outbox (`events`, `meta`) and what checks the code that opens a disguised app (`meta`). Named
 * neutrally (src/lib/stored-names.ts); a phone that still holds the database under its old name
 * has it moved here the first time it is opened.
 */
import { DATABASE, OLD_NAMES } from '$lib/stored-names';

export const EVENTS = 'events';
export const META = 'meta';

export function openNamed(name: string): Promise<IDBDatabase> {
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

let moved: Promise<void> | undefined;
let moveOld: (() => Promise<void>) | undefined;

/**
 * How this page or worker moves the database an earlier version named after the app
 * (`moveOldDatabase`, src/lib/offline/old-names.ts). The service worker passes it in, since a
 * worker cannot load a script later; the layout passes a loader of it, so a page loads that
 * code only when an old database is there, and no first visit carries it.
 */
export function movesOldDatabaseWith(move: () => Promise<void>): void {
	moveOld = move;
}

/**
 * Whether the phone still holds the database under its old name. Only where the browser can
 * list its databases: opening one that is not there would create it.
 */
async function oldDatabaseLeft(): Promise<boolean> {
	return (
		Boolean(indexedDB.databases) &&
		(await indexedDB.databases()).some((db) => db.name === OLD_NAMES.database)
	);
}

/** Opens the database (after moving an old one, once per page or worker). */
export async function open(): Promise<IDBDatabase> {
	const move = moveOld;
	if (move)
		moved ??= oldDatabaseLeft()
			.then((left) => (left ? move() : undefined))
			.catch(() => {
				// Not movable now (another tab holds it open): the next page tries again.
			});
	await moved;
	return openNamed(DATABASE);
}

/** Runs one request on `store` and closes the database, once the change is written. */
export async function run<T>(
	store: string,
	mode: IDBTransactionMode,
	work: (s: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	let request: IDBRequest<T> | undefined;
	await inOne(store, mode, (s) => {
		request = work(s);
	});
	return request!.result;
}

/**
 * Runs `work` on `store` in one transaction (all its changes are written, or none), and
 * closes the database once they are: a page closed or reloaded right after loses nothing.
 */
export async function inOne(
	store: string,
	mode: IDBTransactionMode,
	work: (s: IDBObjectStore) => void
): Promise<void> {
	const db = await open();
	return new Promise<void>((resolve, reject) => {
		const transaction = db.transaction(store, mode);
		transaction.oncomplete = () => resolve();
		transaction.onerror = transaction.onabort = () => reject(transaction.error);
		work(transaction.objectStore(store));
	}).finally(() => db.close());
}
