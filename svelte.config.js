import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The one inline script, "Leave quickly" in app.html: it must act before the app's code arrives
 * (or when it never does), so it cannot wait for a file. The CSP allows exactly its text, by hash.
 */
const quickExit = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').match(
	/<script>([\s\S]*?)<\/script>/
);
if (!quickExit) throw new Error('src/app.html has lost its quick-exit script');
const quickExitHash = `sha256-${createHash('sha256').update(quickExit[1]).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// Split, with vite.config.ts grouping everything but the authoring pages into one chunk:
		// few requests for a learner, and the editors' code only for authors.
		output: { bundleStrategy: 'split' },
		// src/service-worker.ts is registered by workbox-window (src/lib/pwa/register.ts).
		serviceWorker: { register: false },
		// Absolute asset paths: the offline page, kept by the service worker, is shown at any
		// address, and its scripts and styles must still resolve.
		paths: { relative: false },
		// With `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` on plain form posts,
		// even to the same site. SvelteKit's check would refuse them all, so it lets "null"
		// through and hooks.server.ts decides, with Sec-Fetch-Site (see handleOrigin).
		csrf: { trustedOrigins: ['null'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', quickExitHash],
				// Only SvelteKit's own route announcer (an exact inline style, by hash); nothing else inline.
				'style-src': [
					'self',
					'unsafe-hashes',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				// connect-src, font-src, manifest-src and worker-src are 'self' through default-src
				// (worker-src through script-src): not repeated, as every page's header costs bytes on 2G.
				'form-action': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
