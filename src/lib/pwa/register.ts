/**
 * Registers the service worker with workbox-window. Loaded after the page, in its own small
 * script, so a first visit is readable before it arrives.
 */
import { Workbox } from 'workbox-window';

/** Calls `onUpdate` with a function that switches to the new version, when one is waiting. */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
	const wb = new Workbox('/service-worker.js');
	wb.addEventListener('waiting', () => {
		onUpdate(() => {
			// Once the new worker controls the page, load the page again from the new version.
			wb.addEventListener('controlling', () => window.location.reload());
			wb.messageSkipWaiting();
		});
	});
	void wb.register();
}
