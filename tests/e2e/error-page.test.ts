/**
 * The error pages' scripts come only when an error is shown (scripts/vite-lazy-error.ts): no
 * first visit or first navigation fetches them, and an error met by a navigation inside the app
 * is still shown by the app's error page, in the reader's language, its script fetched then.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consoleErrors, hydrated, launch, phone, shown } from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

it('fetches no error page for a visit and a navigation, and shows one for an error inside the app', async () => {
	const context = await phone(browser);
	const page = await context.newPage();
	const errors = consoleErrors(page);
	const nodes: string[] = [];
	page.on('request', (request) => {
		const node = new URL(request.url()).pathname.match(/\/nodes\/(\d+)/)?.[1];
		if (node) nodes.push(node);
	});
	await page.goto('/learn/courses');
	await hydrated(page);
	// A navigation inside the app: the course's page, by its link.
	await page.locator('main a[href^="/learn/courses/"]').first().click();
	await page.waitForURL(/\/learn\/courses\/[a-z0-9-]+$/);
	await shown(page.getByRole('heading', { level: 1 }));
	expect(nodes).not.toContain('1');
	// A course that does not exist, reached by a link inside the app (as a stale bookmark page would).
	await page.evaluate(() => {
		const link = document.createElement('a');
		link.href = '/learn/courses/no-such-course';
		link.textContent = 'gone';
		document.querySelector('main')!.append(link);
	});
	await page.getByRole('link', { name: 'gone' }).click();
	await page.waitForURL('**/learn/courses/no-such-course');
	// The same page the server answers at that address: the error page's heading, in Burmese.
	await shown(page.getByRole('heading', { level: 1, name: 'ဤစာမျက်နှာ မရှိပါ။' }));
	expect(await page.getByRole('link', { name: 'အစသို့ ပြန်သွားရန်' }).count()).toBe(1);
	expect(nodes).toContain('1');
	// The data's 404 answer is the one error the browser logs.
	expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
	await context.close();
});
