/**
 * Registers the service worker, once the page has loaded (its own requests go first on 2G), with
 * the browser's own API: the few lines workbox-window did for Lanpya, without its 2 KB script
 * on every first visit.
 *
 * A new version (a deploy changes the worker script) installs and then waits: `onUpdate` gets a
 * function that tells the waiting worker to take over (src/service-worker.ts answers the message
 * `SKIP_WAITING`) and reloads the page once it controls it. A worker already waiting when the
 * page loads (an update the learner did not take yet) is offered the same way. The very first
 * worker takes control at once (clientsClaim) and reloads nothing.
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
	const container = navigator.serviceWorker;
	const offer = (waiting: ServiceWorker) =>
		onUpdate(() => {
			container.addEventListener('controllerchange', () => window.location.reload(), { once: true });
			waiting.postMessage({ type: 'SKIP_WAITING' });
		});
	const register = async () => {
		const registration = await container.register('/service-worker.js');
		// Waiting only means an update when a worker already controls this page.
		if (registration.waiting && container.controller) offer(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed' && container.controller) offer(installing);
			});
		});
	};
	if (document.readyState === 'complete') void register();
	else window.addEventListener('load', () => void register(), { once: true });
}
