/**
 * What a page asks of the service worker about the app shell (the code, styles and pages kept
 * for offline use). A first visit keeps only what the page itself has just loaded; the rest
 * comes on a later visit, or when a course is downloaded, and a disguise's cover screen and
 * icon only once that disguise is chosen.
 */
import { isLook, lookFromCookies, type Look } from '$lib/disguise';

export const KEEP_SHELL = 'KEEP_SHELL';

export interface KeepShell {
	type: typeof KEEP_SHELL;
	/** The look chosen on this phone: its cover screen and icon are kept, another look's removed. */
	look: Look;
	/** True: the whole shell now (a later visit, a download); false: only if it is already kept. */
	full: boolean;
}

export const isKeepShell = (value: unknown): value is KeepShell =>
	typeof value === 'object' &&
	value !== null &&
	(value as KeepShell).type === KEEP_SHELL &&
	isLook((value as KeepShell).look) &&
	typeof (value as KeepShell).full === 'boolean';

/** How long a download waits for the shell before going on without it (a worker that died). */
const WAIT_MS = 120_000;

/**
 * Asks the active service worker to keep the shell (browser only); resolves once it has, at
 * once when there is no worker (a shared phone's session, a browser without them).
 */
export async function keepShell(full: boolean): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	if (!(await navigator.serviceWorker.getRegistration())) return;
	const worker = (await navigator.serviceWorker.ready).active;
	if (!worker) return;
	const channel = new MessageChannel();
	const kept = new Promise<void>((resolve) => {
		channel.port1.onmessage = () => resolve();
		setTimeout(resolve, WAIT_MS);
	});
	const message: KeepShell = { type: KEEP_SHELL, look: lookFromCookies(document.cookie), full };
	worker.postMessage(message, [channel.port2]);
	await kept;
	channel.port1.close();
}
