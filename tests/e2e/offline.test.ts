/**
 * An installable app that opens with no network: manifest and icons, a service worker that
 * keeps the app shell, a friendly offline page, and an update the learner chooses to take.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, shown } from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

/** Opens `path` and waits until the service worker controls the page. */
async function controlled(page: Page, path = '/') {
	await page.goto(path);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

describe('the installable app', () => {
	it('has a manifest with a name, a start page, standalone display and icons, maskable included', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/');
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		const response = await page.request.get(new URL(href!, page.url()).href);
		expect(response.headers()['content-type']).toBe('application/manifest+json');
		const manifest = await response.json();
		expect(manifest).toMatchObject({ short_name: 'Lanpya', start_url: '/', display: 'standalone', theme_color: '#1f5f4a' });
		expect(manifest.name).toContain('လမ်းပြ');
		const sizes = manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
		expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
		for (const icon of manifest.icons) {
			const file = await page.request.get(new URL(icon.src, page.url()).href);
			expect(file.status()).toBe(200);
			expect(file.headers()['content-type']).toBe(icon.type);
		}
		await context.close();
	});

	it('keeps the app shell on the phone, and shows a friendly offline page for pages it cannot reach', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await controlled(page);
		await context.setOffline(true);
		await page.goto('/learn/courses');
		await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
		await shown(page.getByRole('heading', { name: 'No connection' }));
		// The offline page is a working page of the app: its scripts and styles come from the phone.
		expect(await page.evaluate(() => getComputedStyle(document.querySelector('header.top')!).backgroundColor)).toBe('rgb(31, 95, 74)');

		// A link followed inside the loaded app also ends on the offline page, not on an error.
		await page.goto('/offline');
		await page.getByRole('link', { name: 'ထပ်ကြိုးစားရန်' }).click();
		await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
		await context.setOffline(false);
		await context.close();
	});
});

describe('a new version', () => {
	it('is offered, and the page reloads into it only when the learner chooses', async () => {
		const worker = 'build/client/service-worker.js';
		const original = fs.readFileSync(worker, 'utf8');
		const { version } = JSON.parse(fs.readFileSync('build/client/_app/version.json', 'utf8'));
		const context = await phone(browser);
		try {
			const page = await context.newPage();
			await controlled(page);
			const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
			expect(firstWorker).toMatch(/\/service-worker\.js$/);

			// A deploy: the worker script changes (SvelteKit puts the build's version in it).
			expect(original).toContain(version);
			fs.writeFileSync(worker, original.replaceAll(version, String(Number(version) + 1)));
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

			const banner = page.getByRole('status').filter({ hasText: 'လမ်းပြ ဗားရှင်းအသစ် အသင့်ဖြစ်ပြီ။' });
			await shown(banner);
			// Nothing changes until the learner taps.
			expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);
			await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'ယခု ပြန်ဖွင့်ရန်' }).click()]);
			await page.waitForFunction(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return registration?.active !== null && !registration?.waiting;
			});
			expect(await banner.count()).toBe(0);
		} finally {
			fs.writeFileSync(worker, original);
			await context.close();
		}
	});
});
