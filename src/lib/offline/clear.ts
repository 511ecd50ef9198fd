/**
 * "Clear this phone" (browser side): removes what Lanpya keeps on this phone, with or without a
 * network, and ends the sign-in on the server when it can be reached. What a page cannot remove
 * itself (the HttpOnly session cookie, the browser's HTTP cache) the server's answer removes,
 * with `Clear-Site-Data`; with no network, a marker cookie asks the server's next answer to this
 * phone to finish the sign-out (src/lib/server/http/clear.ts).
 */

import { COOKIES, DATABASE, OLD_NAMES } from '$lib/stored-names';

/** The marker cookie: "this phone was cleared; end its session". Holds nothing else. */
export const CLEAR_PENDING_COOKIE = COOKIES.clearPending;

/** How long the server may take to answer before the phone leaves anyway (the marker stays). */
const SERVER_WAIT_MS = 6_000;
/** A database another tab still holds open is deleted once that tab lets go; we do not wait for it. */
const DATABASE_WAIT_MS = 3_000;
/** The app's own database, and its name before names were neutral, for browsers that cannot list them. */
const KNOWN_DATABASES = [DATABASE, OLD_NAMES.database];

const secure = () => (location.protocol === 'https:' ? '; secure' : '');

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = request.onerror = () => resolve();
		setTimeout(resolve, DATABASE_WAIT_MS);
	});
}

async function deleteDatabases(): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	const listed = indexedDB.databases
		? (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : []))
		: [];
	await Promise.all([...new Set([...listed, ...KNOWN_DATABASES])].map(deleteDatabase));
}

async function deleteCaches(): Promise<void> {
	if (typeof caches === 'undefined') return;
	await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
}

async function unregisterWorkers(): Promise<void> {
	const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
	await Promise.all(registrations.map((registration) => registration.unregister()));
}

/** Every cookie a script can see, except the marker; the HttpOnly session cookie is the server's to remove. */
function deleteReadableCookies(): void {
	for (const pair of document.cookie.split(';')) {
		const name = pair.split('=')[0].trim();
		if (name && name !== CLEAR_PENDING_COOKIE)
			document.cookie = `${name}=; max-age=0; path=/${secure()}`;
	}
}

/** Everything on the phone that a page can remove by itself. */
async function clearOnPhone(): Promise<void> {
	await Promise.allSettled([deleteDatabases(), deleteCaches(), unregisterWorkers()]);
	deleteReadableCookies();
	localStorage.clear();
	sessionStorage.clear();
}

/**
 * Asks the server to end this phone's session and to clear the site's data (the `/clear`
 * form's action, answered as JSON). True when it answered.
 */
async function clearOnServer(): Promise<boolean> {
	try {
		const response = await fetch('/clear', {
			method: 'POST',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams(),
			signal: AbortSignal.timeout(SERVER_WAIT_MS)
		});
		return response.ok;
	} catch {
		return false;
	}
}

/**
 * Clears this phone of Lanpya. The marker goes first, so that a server out of reach still ends
 * the session at the phone's next visit; the phone's own copies go a second time after the
 * server's answer, in case a part of the page wrote again meanwhile.
 */
export async function clearPhone(): Promise<void> {
	document.cookie = `${CLEAR_PENDING_COOKIE}=1; path=/; max-age=${400 * 24 * 3600}; samesite=lax${secure()}`;
	await clearOnPhone();
	await clearOnServer();
	await clearOnPhone();
}
