/** A learner, on a 360 px phone, in Burmese: the whole account life cycle. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
	consoleErrors,
	holdScripts,
	launch,
	phone,
	signUpInBrowser,
	typeInto,
	uniqueName,
	shown
} from './support';
import { openMenu, typeBackCode } from './screen';
import { VISIT_KEY } from '$lib/stored-names';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('a learner', () => {
	it('signs up in Burmese, signs out and in, and resets the password with a recovery code', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		const username = uniqueName('thiha');

		// First visit: Burmese by default.
		await page.goto('/');
		expect(await page.getAttribute('html', 'lang')).toBe('my');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('လမ်းပြပေးသူ');

		const codes = await signUpInBrowser(page, username, 'monsoon rain on tin roofs');
		expect(codes).toHaveLength(10);
		for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);

		await typeBackCode(page, codes[7]);
		await page.waitForURL('**/learn');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(username);

		await openMenu(page);
		await page.getByRole('button', { name: 'ထွက်ရန်' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await openMenu(page);
		await shown(page.getByRole('link', { name: 'အကောင့်ဝင်ရန်' }).first());

		await page.goto('/signin');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), username);
		await typeInto(page.getByLabel('စကားဝှက်'), 'monsoon rain on tin roofs');
		await page.getByRole('button', { name: 'ဝင်မည်' }).click();
		await page.waitForURL('**/learn');

		await openMenu(page);
		await page.getByRole('button', { name: 'ထွက်ရန်' }).click();
		await page.waitForURL((url) => url.pathname === '/');

		await page.goto('/signin');
		await page.getByRole('link', { name: 'စကားဝှက် မေ့သွားပါသလား။' }).click();
		await page.waitForURL('**/recover');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), username);
		await typeInto(page.getByLabel('ပြန်လည်ရယူရေးကုဒ်'), codes[3]);
		await typeInto(page.getByLabel('စကားဝှက် အသစ်'), 'a new passphrase for me');
		await page.getByRole('button', { name: 'စကားဝှက်အသစ် သတ်မှတ်မည်' }).click();
		await expect(page.getByRole('status').innerText()).resolves.toContain(
			'သင့်စကားဝှက်ကို ပြောင်းပြီးပါပြီ'
		);

		// The old password no longer works, the new one does.
		const fresh = await context.browser()!.newContext({ baseURL: page.url() });
		const other = await fresh.newPage();
		await other.goto('/signin');
		await typeInto(other.getByLabel(/အသုံးပြုသူအမည်/), username);
		await typeInto(other.getByLabel(/^စကားဝှက်$/), 'monsoon rain on tin roofs');
		await other.getByRole('button', { name: 'ဝင်မည်' }).click();
		await expect(other.getByRole('alert').innerText()).resolves.toBe(
			'အသုံးပြုသူအမည် သို့မဟုတ် စကားဝှက် မမှန်ပါ။'
		);
		// The refused password is gone from its field, the name typed stays: the person types the password again.
		expect(await other.getByLabel(/^စကားဝှက်$/).inputValue()).toBe('');
		expect(await other.getByLabel(/အသုံးပြုသူအမည်/).inputValue()).toBe(username);
		await typeInto(other.getByLabel(/^စကားဝှက်$/), 'a new passphrase for me');
		await other.getByRole('button', { name: 'ဝင်မည်' }).click();
		await other.waitForURL('**/learn');
		await fresh.close();
		expect(errors).toEqual([]);
		await context.close();
	});

	it('sees sessions and ends one from another device', async () => {
		const username = uniqueName('sessions');
		const phoneContext = await phone(browser);
		const page = await phoneContext.newPage();
		await signUpInBrowser(page, username, 'two phones one person');
		const laptop = await browser.newContext({ baseURL: page.url() });
		const second = await laptop.newPage();
		await second.goto('/signin');
		await typeInto(second.getByLabel(/အသုံးပြုသူအမည်/), username);
		await typeInto(second.getByLabel(/^စကားဝှက်$/), 'two phones one person');
		await second.getByRole('button', { name: 'ဝင်မည်' }).click();
		await second.waitForURL('**/learn');

		await page.goto('/account');
		const sessions = page.getByRole('region', { name: 'ကျွန်ုပ် ဝင်ထားသော နေရာများ' });
		await expect(sessions.getByRole('listitem').count()).resolves.toBe(2);
		await sessions.getByRole('button', { name: 'ဤဝင်ထားမှုကို အဆုံးသတ်ရန်' }).click();
		await shown(page.getByText('ဝင်ထားမှုကို အဆုံးသတ်လိုက်ပါပြီ။'));
		await expect(sessions.getByRole('listitem').count()).resolves.toBe(1);

		await second.goto('/account');
		expect(new URL(second.url()).pathname).toBe('/signin');
		await laptop.close();
		await phoneContext.close();
	});

	it('switches language without JavaScript, and the choice is remembered', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/signin');
		await openMenu(page);
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForURL('**/signin');
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Sign in');
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'The one who shows the way'
		);
		await openMenu(page);
		await page.getByRole('button', { name: 'မြန်မာဘာသာ' }).click();
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('လမ်းပြပေးသူ');
		await context.close();
	});

	it("keeps what was typed before the page's script arrived (slow connections)", async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const scriptsArrive = await holdScripts(page);
		await page.goto('/signup', { waitUntil: 'domcontentloaded' });
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), 'typed-early');
		await typeInto(page.getByLabel(/^စကားဝှက်$/), 'typed before hydration');
		await page.getByRole('radio', { name: /မိတ်ဖက် အဖွဲ့အစည်း/ }).check();
		await scriptsArrive();
		expect(await page.getByLabel('အသုံးပြုသူအမည်').inputValue()).toBe('typed-early');
		expect(await page.getByLabel(/^စကားဝှက်$/).inputValue()).toBe('typed before hydration');
		expect(await page.getByRole('radio', { name: /မိတ်ဖက် အဖွဲ့အစည်း/ }).isChecked()).toBe(true);
		await context.close();
	});

	it('can sign up with JavaScript off', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		const codes = await signUpInBrowser(page, uniqueName('nojs'), 'works without scripts');
		expect(codes).toHaveLength(10);
		await context.close();
	});

	it('gets no accessibility violations on the landing, sign-up, sign-in and home pages, at 360 px', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const report: Record<string, unknown> = {};
		for (const path of ['/', '/signup', '/signin']) {
			await page.goto(path);
			report[path] = await axeViolations(page);
		}
		await signUpInBrowser(page, uniqueName('axe'), 'accessible to everyone');
		report['/signup (codes)'] = await axeViolations(page);
		await page.goto('/learn');
		report['/learn'] = await axeViolations(page);
		await page.goto('/account');
		report['/account'] = await axeViolations(page);
		for (const value of Object.values(report))
			expect(value, JSON.stringify(report, null, 1)).toEqual([]);
		// Nothing is wider than the phone.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(overflow).toBeLessThanOrEqual(360);
		await context.close();
	});

	it('never stores anything personal in the browser, and fetches nothing from other origins', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const origins = new Set<string>();
		page.on('request', (request) => origins.add(new URL(request.url()).origin));
		const username = uniqueName('store');
		const codes = await signUpInBrowser(page, username, 'nothing left behind');
		await page.goto('/account');
		const stored = await page.evaluate(() => ({
			local: Object.entries(localStorage),
			session: Object.entries(sessionStorage),
			cookies: document.cookie
		}));
		expect(stored.local).toEqual([]);
		// SvelteKit keeps only scroll positions per history entry in session storage, and the app
		// only that the tab has had one of its pages (VISIT_KEY).
		expect(
			stored.session
				.map(([key]) => key)
				.filter((key) => !key.startsWith('sveltekit:') && key !== VISIT_KEY)
		).toEqual([]);
		const everything = JSON.stringify(stored);
		for (const secret of [username, 'nothing left behind', ...codes])
			expect(everything).not.toContain(secret);
		expect(stored.cookies).not.toContain('sid'); // HttpOnly: scripts cannot read it
		// The service worker keeps the app shell only: scripts, styles, icons, the offline page, the
		// reader, "Clear this phone" and the disguise's cover screens.
		const cached = await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			const entries: { url: string; body: string }[] = [];
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				for (const request of await cache.keys())
					entries.push({
						url: new URL(request.url).pathname,
						body: await (await cache.match(request))!.text()
					});
			}
			return entries;
		});
		expect(cached.length).toBeGreaterThan(3);
		expect(
			cached
				.map((e) => e.url)
				.filter(
					(url) =>
						!/^\/(_app\/immutable\/|icons\/|favicon\.svg$|manifest\.webmanifest$|offline$|offline\/reader$|clear$|cover\/(notes|calculator)$)/.test(
							url
						)
				)
		).toEqual([]);
		expect(cached.some((e) => e.url.startsWith('/_app/immutable/chunks/staff-'))).toBe(false);
		for (const secret of [username, ...codes])
			expect(cached.filter((e) => e.body.includes(secret)).map((e) => e.url)).toEqual([]);
		expect([...origins]).toEqual([new URL(page.url()).origin]);
		await context.close();
	});
});
