/**
 * Registers the service worker with workbox-window. Loaded after the page, in its own small
 * script, so a first visit is readable before it arrives.
 */
import { Workbox } from 'workbox-window';
import { VISIT_KEY } from '$lib/stored-names';
import { keepShell } from './shell';

/** Calls `onUpdate` with a function that switches to the new version, when one is waiting. */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
	// A page opened in a tab that has had none of the app's, with a worker already in charge: a
	// later visit, on which the rest of the app shell comes (never on the first).
	const later = navigator.serviceWorker.controller !== null && !sessionStorage.getItem(VISIT_KEY);
	sessionStorage.setItem(VISIT_KEY, '1');
	// The browser checks the worker's script at most once a day (its HTTP cache, capped at 24 h,
	// scripts/serve.ts): opening a page, or a downloaded lesson, costs no check of it before then.
	const wb = new Workbox('/service-worker.js', { updateViaCache: 'all' });
	wb.addEventListener('waiting', () => {
		onUpdate(() => {
			// Once the new worker controls the page, load the page again from the new version.
			wb.addEventListener('controlling', () => window.location.reload());
			wb.messageSkipWaiting();
		});
	});
	// With no network (a kept page opened offline) registering fails: the worker already in
	// charge stays, and the next page online registers again.
	void wb
		.register()
		.then(() => keepShell(later))
		.catch(() => undefined);
}
