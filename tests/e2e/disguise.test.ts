/**
 * Disguise: with "Notes" chosen, nothing a searcher sees outside the page itself (the manifest
 * the app is installed from, the title of every page, the first screen) names Lanpya, a course
 * or a role; a discreet tap goes on into the app, and choosing Lanpya again restores it.
 */
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, consoleErrors, launch, openVettedRole, phone, shown, signUpInBrowser, uniqueName } from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const course = JSON.parse(fs.readFileSync('content/courses/first-aid-basics/course.json', 'utf8'));
const NOTES = /^(မှတ်စု|Notes)$/;

/** Waits for the page's title to settle on the neutral name, then checks it names nothing. */
async function expectNeutral(page: Page, giveaways: RegExp[]) {
	await page.waitForLoadState('load');
	await page.waitForFunction(() => document.title === 'မှတ်စု' || document.title === 'Notes', undefined, { timeout: 10_000 });
	const title = await page.title();
	expect(title, page.url()).toMatch(NOTES);
	for (const giveaway of giveaways) expect(title, page.url()).not.toMatch(giveaway);
	expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#f4c430');
	expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest/notes.webmanifest');
}

/** Chooses a look on the first screen a visitor sees, without scrolling: one tap. */
async function chooseLookFirst(page: Page, name: RegExp) {
	await page.goto('/');
	const choice = page.getByRole('group', { name: /^(အသွင်|Look)$/ }).getByRole('button', { name });
	const box = await choice.boundingBox();
	expect(box && box.y + box.height).toBeLessThanOrEqual(740);
	await choice.tap();
	await page.waitForURL((url) => url.pathname === '/');
	await shown(page.getByText(new RegExp(`^(ယခု - |Now: )`)));
}

describe('disguise', () => {
	it('Notes, chosen on the first screen: the manifest and every title a learner meets name nothing; the cover screen taps through; Lanpya comes back', async () => {
		const roleTitle = uniqueName('ဆေးခန်း အကူ');
		const { id: roleId } = await openVettedRole(roleTitle);
		const giveaways = [/lanpya/i, /လမ်းပြ/, new RegExp(course.title.my), new RegExp(course.title.en, 'i'), new RegExp(roleTitle)];

		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await chooseLookFirst(page, NOTES);
		await expectNeutral(page, giveaways);
		await shown(page.getByText(/ယခု - မှတ်စု|Now: Notes/));
		// Why choosing first matters: titles of pages opened before stay in the browser's history.
		await shown(page.getByText(/ခေါင်းစဉ်ဟောင်းများသည် ဘရောက်ဇာ၏ မှတ်တမ်း \(History\) တွင် ကျန်နေမည်/));

		// The manifest the page links to is a plain notes app's.
		const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href)).text());
		for (const giveaway of giveaways) expect(manifest).not.toMatch(giveaway);
		expect(JSON.parse(manifest)).toMatchObject({ name: 'မှတ်စု', start_url: '/cover/notes', theme_color: '#f4c430' });

		// Signing up and walking the learner's pages, by full loads and by the app's own links.
		await signUpInBrowser(page, uniqueName('disguised'), 'green tea and rice');
		await expectNeutral(page, giveaways);
		await page.goto('/learn');
		await expectNeutral(page, giveaways);
		await page.getByRole('navigation').getByRole('link', { name: /သင်တန်းများ|Courses/ }).click();
		await page.waitForURL('**/learn/courses');
		await expectNeutral(page, giveaways);
		await page.getByRole('link', { name: course.title.my }).first().click();
		await page.waitForURL('**/learn/courses/first-aid-basics');
		await expectNeutral(page, giveaways);
		const lesson = `/learn/courses/first-aid-basics/lessons/${course.modules[0].lessons[0].id}`;
		await page.locator(`a[href="${lesson}"]`).first().click();
		await page.waitForURL(`**${lesson}`);
		await expectNeutral(page, giveaways);
		await page.goto(lesson);
		await expectNeutral(page, giveaways);
		await page.getByRole('navigation').getByRole('link', { name: /အခွင့်အလမ်း|Opportunities/ }).click();
		await page.waitForURL('**/learn/opportunities');
		await expectNeutral(page, giveaways);
		await page.goto(`/learn/opportunities/${roleId}`);
		await shown(page.getByRole('heading', { name: roleTitle }));
		await expectNeutral(page, giveaways);

		// The installed app's first screen: a plain notes page, nothing of Lanpya, and a way in.
		await page.goto('/cover/notes');
		await expectNeutral(page, giveaways);
		await shown(page.getByRole('textbox', { name: /မှတ်စု စာသား|Note text/ }));
		const body = await page.locator('body').innerText();
		for (const giveaway of giveaways) expect(body).not.toMatch(giveaway);
		await page.getByRole('link', { name: /ဆက်သွားရန်|Continue/ }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await expectNeutral(page, giveaways);

		// "On this phone": back to Lanpya.
		await page.goto('/learn/downloads');
		await page.getByRole('radio', { name: /^(လမ်းပြ|Lanpya)$/ }).check();
		await page.getByRole('button', { name: /ဤအသွင်ကို သုံးရန်|Use this look/ }).click();
		await page.waitForURL('**/learn/downloads');
		await page.waitForFunction(() => document.title.includes('လမ်းပြ') || document.title.includes('Lanpya'));
		expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
		expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#1f5f4a');
		expect(await context.cookies()).not.toContainEqual(expect.objectContaining({ name: 'theme' }));
		expect(errors).toEqual([]);
		await context.close();
	});

	it('works without JavaScript: a plain form, a readable cookie of the phone, server-rendered titles and covers', async () => {
		const client = new Client('en');
		await client.signUp(uniqueName('nojslook'));
		const chosen = await client.post('/look', { look: 'calculator', next: '/account' });
		expect(chosen.status).toBe(303);
		expect(chosen.headers.get('location')).toBe('/account');
		const cookie = chosen.headers.getSetCookie().find((c) => c.startsWith('theme='))!;
		expect(cookie).toMatch(/^theme=calculator;/);
		// Readable by the page: "Clear this phone" removes it with the other cookies.
		expect(cookie).not.toMatch(/HttpOnly/i);
		client.cookie = `${client.cookie}; theme=calculator`;
		const html = await (await client.request('/learn/courses/first-aid-basics')).text();
		expect(html).toMatch(/<title>Calculator<\/title>/);
		expect(html.match(/<title>/g)).toHaveLength(1);
		expect(html).toContain('<link rel="manifest" href="/manifest/calculator.webmanifest"');
		expect(html).toContain('<meta name="theme-color" content="#3c4043"');
		const cover = await (await new Client('my').request('/cover/calculator')).text();
		expect(cover).toMatch(/<title>ဂဏန်းပေါင်းစက်<\/title>/);
		// What a person sees: the page without its scripts (whose code may name anything).
		expect(cover.replace(/<script[\s\S]*?<\/script>/g, '')).not.toMatch(/lanpya|လမ်းပြ/i);
		expect((await new Client().request('/cover/lanpya')).status).toBe(404);
		expect((await new Client().request('/manifest/lanpya.webmanifest')).status).toBe(404);
		const manifest = await new Client('en').request('/manifest/calculator.webmanifest');
		expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
		expect(await manifest.json()).toMatchObject({ name: 'Calculator', start_url: '/cover/calculator' });
	});

	it('links the disguise’s manifest on pages kept for offline, which are stored without cookies', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await context.addCookies([{ name: 'theme', value: 'notes', url: inject('baseUrl') }]);
		for (const path of ['/clear', '/offline']) {
			// The copy the service worker keeps: fetched without cookies, it names the default manifest.
			const kept = await (await fetch(`${inject('baseUrl')}${path}`)).text();
			expect(kept).toContain('<link rel="manifest" href="/manifest.webmanifest"');
			await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: kept }));
			await page.goto(path);
			await expectNeutral(page, [/lanpya/i, /လမ်းပြ/]);
		}
		await context.close();
	});
});
