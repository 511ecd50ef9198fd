/**
 * No request ever leaves for another origin: every browser context the e2e tests open (every
 * audience, every flow) records each request its pages and service workers make, and each test
 * fails if one went anywhere but the app's own server (loopback, any test port). Loaded for
 * every e2e file by vite.config.ts (setupFiles).
 */
import type { BrowserContext } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { NEUTRAL_SITE } from './neutral-site';

const foreign: string[] = [];

function ours(address: string): boolean {
	const url = new URL(address);
	if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:')
		return true;
	// Leaving for the neutral site, when the person asks, is the point of quick exit.
	if (url.origin === new URL(NEUTRAL_SITE).origin) return true;
	return (
		(url.protocol === 'http:' || url.protocol === 'https:') &&
		(url.hostname === '127.0.0.1' || url.hostname === 'localhost')
	);
}

/** Records requests of `context` that leave for another origin. */
export function watchOrigins(context: BrowserContext): BrowserContext {
	context.on('request', (request) => {
		if (!ours(request.url())) foreign.push(`${request.method()} ${request.url()}`);
	});
	return context;
}

afterEach(() => {
	expect(foreign.splice(0), 'requests that left for another origin').toEqual([]);
});
