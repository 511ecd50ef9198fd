/**
 * Disguise: with "Notes" chosen, nothing a searcher sees outside the page itself (the manifest
 * the app is installed from, the title of every page, the first screen) names Lanpya, a course
 * or a role; behind the cover, nothing opens without the code the learner chose (a PIN), online
 * and offline, and what the phone keeps to check it names nothing; a forgotten code yields to the
 * password; choosing Lanpya again restores the look.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pbkdf2Sync } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	Client,
	closeWorkerContext,
	consoleErrors,
	controlled,
	hydrated,
	launch,
	openVettedRole,
	phone,
	shown,
	signUpInBrowser,
	traced,
	typeInto,
	uniqueName
} from './support';
import { openMenu } from './screen';
import { formatNumber } from '$lib/format';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const course = JSON.parse(fs.readFileSync('content/courses/first-aid-basics/course.json', 'utf8'));
const LESSON = `/learn/courses/first-aid-basics/lessons/${course.modules[0].lessons[0].id}`;
const NOTES = /^(မှတ်စု|Notes)$/;
const PASSWORD = 'green tea and rice';
/** The code, typed on a Burmese keypad; the same as 482913 typed on a Latin one. */
const CODE = '၄၈၂၉၁၃';
const CHOOSE = 'ကုဒ်တစ်ခု ရွေးပါ';
const ENTER = 'ကုဒ်ကို ရိုက်ထည့်ပါ';
/** What a searched phone's screen must not show behind the cover. */
const SCREEN_GIVEAWAYS = /lanpya|လမ်းပြ|စစ်|ရဲ|military|police|soldier|course|သင်တန်း/i;

/** Waits for the page's title to settle on the neutral name, then checks it names nothing. */
async function expectNeutral(
	page: Page,
	giveaways: RegExp[],
	look: 'notes' | 'calculator' = 'notes'
) {
	const names = { notes: ['မှတ်စု', 'Notes'], calculator: ['ဂဏန်းပေါင်းစက်', 'Calculator'] }[look];
	await page.waitForLoadState('load');
	await page.waitForFunction((names) => names.includes(document.title), names, { timeout: 10_000 });
	const title = await page.title();
	for (const giveaway of giveaways) expect(title, page.url()).not.toMatch(giveaway);
	expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(
		look === 'notes' ? '#f4c430' : '#3c4043'
	);
	expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe(
		`/manifest/${look}.webmanifest`
	);
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

/** The first code, chosen on the page a disguised phone's account is sent to before anything else. */
async function chooseCode(page: Page, code = CODE) {
	await shown(page.getByRole('heading', { level: 1, name: CHOOSE }));
	await typeInto(page.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)'), code);
	await typeInto(page.getByLabel('တူညီသော ကုဒ်ကို ထပ်ရိုက်ပါ'), code);
	expect(await page.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)').inputValue()).toBe(code);
	await page.getByRole('button', { name: 'ကုဒ်ကို သိမ်းရန်' }).click();
}

async function enterCode(page: Page, code = CODE) {
	await shown(page.getByRole('heading', { level: 1, name: ENTER }));
	const field = page.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)');
	await typeInto(field, code);
	expect(await field.inputValue()).toBe(code);
	await page.getByRole('button', { name: 'ဖွင့်ရန်' }).click();
}

/**
 * Codes that the phone's check refuses. It keeps only 10 bits (src/lib/offline/pin-check.ts), so
 * one wrong code in 1,024 would pass it: the test picks codes it knows to fail.
 */
function wrongForPhone(
	check: { salt: string; rounds: number; value: number },
	count: number
): string[] {
	const salt = Buffer.from(check.salt, 'base64');
	const codes: string[] = [];
	for (let n = 100_000; codes.length < count; n++) {
		const bits = pbkdf2Sync(String(n), salt, check.rounds, 2, 'sha256');
		if (((bits[0] << 8) | bits[1]) >> 6 !== check.value) codes.push(String(n));
	}
	return codes;
}

/** The body as a person reads it (no script text). */
const screenText = (page: Page) => page.locator('body').innerText();

describe('disguise', () => {
	it('Notes, chosen on the first screen: the manifest and every title a learner meets name nothing; the cover opens only with the code; Lanpya comes back', async () => {
		const roleTitle = uniqueName('ဆေးခန်း အကူ');
		const { id: roleId } = await openVettedRole(roleTitle);
		const giveaways = [
			/lanpya/i,
			/လမ်းပြ/,
			new RegExp(course.title.my),
			new RegExp(course.title.en, 'i'),
			new RegExp(roleTitle)
		];

		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await chooseLookFirst(page, NOTES);
		await expectNeutral(page, giveaways);
		await shown(page.getByText(/ယခု - မှတ်စု|Now: Notes/));
		// Why choosing first matters: titles of pages opened before stay in the browser's history.
		await shown(page.getByText(/ခေါင်းစဉ်ဟောင်းများသည် ဘရောက်ဇာ၏ မှတ်တမ်း \(History\) တွင် ကျန်နေမည်/));

		// The manifest the page links to is a plain notes app's.
		const manifest = await page.evaluate(async () =>
			(await fetch(document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href)).text()
		);
		for (const giveaway of giveaways) expect(manifest).not.toMatch(giveaway);
		expect(JSON.parse(manifest)).toMatchObject({
			name: 'မှတ်စု',
			start_url: '/cover/notes',
			theme_color: '#f4c430'
		});

		// Signing up; then, before any page of the account, a code to choose.
		await signUpInBrowser(page, uniqueName('disguised'), PASSWORD);
		await expectNeutral(page, giveaways);
		await page.goto('/learn');
		await page.waitForURL(
			(url) => url.pathname === '/pin' && url.searchParams.get('next') === '/learn'
		);
		await expectNeutral(page, giveaways);
		expect(await screenText(page)).not.toMatch(SCREEN_GIVEAWAYS);
		// Two codes that differ are refused.
		await typeInto(page.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)'), '482913');
		await typeInto(page.getByLabel('တူညီသော ကုဒ်ကို ထပ်ရိုက်ပါ'), '482914');
		await page.getByRole('button', { name: 'ကုဒ်ကို သိမ်းရန်' }).click();
		await shown(page.getByText('ကုဒ် နှစ်ခု မတူပါ။'));
		await page.reload();
		await chooseCode(page);
		await page.waitForURL('**/learn');

		// Walking the learner's pages, by full loads and by the app's own links.
		await expectNeutral(page, giveaways);
		await openMenu(page);
		await page
			.getByRole('navigation')
			.getByRole('link', { name: /^(သင်တန်းများ|Courses)$/ })
			.click();
		await page.waitForURL('**/learn/courses');
		await expectNeutral(page, giveaways);
		await page.getByRole('link', { name: course.title.my }).first().click();
		await page.waitForURL('**/learn/courses/first-aid-basics');
		await expectNeutral(page, giveaways);
		await page.locator(`a[href="${LESSON}"]`).first().click();
		await page.waitForURL(`**${LESSON}`);
		await expectNeutral(page, giveaways);
		await page.goto(LESSON);
		await expectNeutral(page, giveaways);
		await openMenu(page);
		await page
			.getByRole('navigation')
			.getByRole('link', { name: /အခွင့်အလမ်း|Opportunities/ })
			.click();
		await page.waitForURL('**/learn/opportunities');
		await expectNeutral(page, giveaways);
		await page.goto(`/learn/opportunities/${roleId}`);
		await shown(page.getByRole('heading', { name: roleTitle }));
		await expectNeutral(page, giveaways);

		// The installed app's first screen: a plain notes page, nothing of Lanpya; its way in asks
		// for the code, however recently the app was used.
		await page.goto('/cover/notes');
		await expectNeutral(page, giveaways);
		await shown(page.getByRole('textbox', { name: /မှတ်စု စာသား|Note text/ }));
		for (const giveaway of giveaways) expect(await screenText(page)).not.toMatch(giveaway);
		await page.getByRole('link', { name: /ဆက်သွားရန်|Continue/ }).click();
		await page.waitForURL((url) => url.pathname === '/pin');
		await expectNeutral(page, giveaways);
		expect(await screenText(page)).not.toMatch(SCREEN_GIVEAWAYS);
		// Everything else waits for the code, the landing page too.
		for (const path of ['/', '/learn', LESSON, '/verify/AAAA-BBBB-CCCC-DDDD', '/account']) {
			const response = await page.request.get(path, {
				maxRedirects: 0,
				headers: { accept: 'text/html' }
			});
			expect(response.status(), path).toBe(303);
			expect(response.headers()['location'], path).toBe(`/pin?next=${encodeURIComponent(path)}`);
		}
		await enterCode(page, '000000');
		await shown(page.getByText('ကုဒ် မမှန်ပါ။ ၄ ကြိမ် ကျန်သည်။'));
		await enterCode(page);
		await page.waitForURL('**/learn');
		await expectNeutral(page, giveaways);

		// "On this phone": back to Lanpya.
		await page.goto('/learn/downloads');
		await page.getByRole('radio', { name: /^(လမ်းပြ|Lanpya)$/ }).check();
		await page.getByRole('button', { name: /ဤအသွင်ကို သုံးရန်|Use this look/ }).click();
		await page.waitForURL('**/learn/downloads');
		await page.waitForFunction(
			() => document.title.includes('လမ်းပြ') || document.title.includes('Lanpya')
		);
		expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe(
			'/manifest.webmanifest'
		);
		expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#1f5f4a');
		expect(await context.cookies()).not.toContainEqual(expect.objectContaining({ name: 'theme' }));
		expect(errors).toEqual([]);
		await context.close();
	}, 120_000); // an organization, a role, and a learner's whole walk

	it('works without JavaScript: a plain form, a readable cookie of the phone, the code as a plain form, server-rendered titles and covers', async () => {
		const client = new Client('en');
		await client.signUp(uniqueName('nojslook'));
		const chosen = await client.post('/look', { look: 'calculator', next: '/account' });
		expect(chosen.status).toBe(303);
		expect(chosen.headers.get('location')).toBe('/account');
		const cookie = chosen.headers.getSetCookie().find((c) => c.startsWith('theme='))!;
		expect(cookie).toMatch(/^theme=calculator;/);
		// Readable by the page: "Clear this phone" removes it with the other cookies.
		expect(cookie).not.toMatch(/HttpOnly/i);
		// The client keeps the session cookie it is sent; the phone's look goes with it.
		const request = client.request.bind(client);
		client.request = (path, init) => {
			if (!client.cookie.includes('theme=')) client.cookie = `${client.cookie}; theme=calculator`;
			return request(path, init);
		};
		// The account has no code yet: every page waits until one is chosen.
		const waiting = await client.request('/learn/courses/first-aid-basics');
		expect(waiting.status).toBe(303);
		expect(waiting.headers.get('location')).toBe('/pin?next=%2Flearn%2Fcourses%2Ffirst-aid-basics');
		const pinPage = await (
			await client.request('/pin?next=%2Flearn%2Fcourses%2Ffirst-aid-basics')
		).text();
		expect(pinPage).toMatch(/<title>Calculator<\/title>/);
		expect(pinPage.replace(/<script[\s\S]*?<\/script>/g, '')).not.toMatch(/lanpya|လမ်းပြ/i);
		const set = await client.post('/pin?/choose&next=%2Flearn%2Fcourses%2Ffirst-aid-basics', {
			pin: '550211',
			again: '550211'
		});
		expect(set.status).toBe(303);
		expect(set.headers.get('location')).toBe('/learn/courses/first-aid-basics');
		const html = await (await client.request('/learn/courses/first-aid-basics')).text();
		expect(html).toMatch(/<title>Calculator<\/title>/);
		expect(html.match(/<title>/g)).toHaveLength(1);
		expect(html).toContain('<link rel="manifest" href="/manifest/calculator.webmanifest"');
		expect(html).toContain('<meta name="theme-color" content="#3c4043"');
		// A refusal shown on the code's page (codes that differ) changes nothing: the session stays open.
		expect((await client.post('/pin?/choose', { pin: '111111', again: '222222' })).status).toBe(
			400
		);
		expect((await client.request('/learn/courses/first-aid-basics')).status).toBe(200);
		const cover = await (await new Client('my').request('/cover/calculator')).text();
		expect(cover).toMatch(/<title>ဂဏန်းပေါင်းစက်<\/title>/);
		// What a person sees: the page without its scripts (whose code may name anything).
		expect(cover.replace(/<script[\s\S]*?<\/script>/g, '')).not.toMatch(/lanpya|လမ်းပြ/i);
		expect(cover).toContain('href="/pin"');
		expect((await new Client().request('/cover/lanpya')).status).toBe(404);
		expect((await new Client().request('/manifest/lanpya.webmanifest')).status).toBe(404);
		const manifest = await new Client('en').request('/manifest/calculator.webmanifest');
		expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
		expect(await manifest.json()).toMatchObject({
			name: 'Calculator',
			start_url: '/cover/calculator'
		});
		// Signing out behind the disguise goes back to its cover, not to the landing page.
		const out = await client.post('/signout', {});
		expect(out.headers.get('location')).toBe('/cover/calculator');
	});

	it('links the disguise’s manifest on pages kept for offline, which are stored without cookies', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await context.addCookies([{ name: 'theme', value: 'notes', url: inject('baseUrl') }]);
		for (const path of ['/clear', '/offline']) {
			// The copy the service worker keeps: fetched without cookies, it names the default manifest.
			const kept = await (await fetch(`${inject('baseUrl')}${path}`)).text();
			expect(kept).toContain('<link rel="manifest" href="/manifest.webmanifest"');
			await page.route(`**${path}`, (route) =>
				route.fulfill({ contentType: 'text/html; charset=utf-8', body: kept })
			);
			await page.goto(path);
			await expectNeutral(page, [/lanpya/i, /လမ်းပြ/]);
		}
		await context.close();
	});

	it('a page sent to the background for 30 seconds comes back on its cover, on pages with the app’s script and on those without (sign-in)', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await chooseLookFirst(page, /^(ဂဏန်းပေါင်းစက်|Calculator)$/);
		/** The phone's task switcher: the page hidden, then shown again `ms` later by the page's clock. */
		const away = (ms: number) =>
			page.evaluate((later) => {
				const show = (state: string) => {
					Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
					document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
				};
				show('hidden');
				const now = Date.now;
				Date.now = () => now() + later;
				show('visible');
				Date.now = now;
			}, ms);
		// Sign-in has no script of the app (csr = false); the catalogue hydrates.
		for (const path of ['/signin', '/learn/courses']) {
			await page.goto(path);
			await hydrated(page);
			await away(10_000);
			expect(new URL(page.url()).pathname).toBe(path);
			await away(31_000);
			await page.waitForURL('**/cover/calculator');
		}
		await context.close();
	});
});

/** A learner behind the Calculator, with a course downloaded and the code chosen. */
async function disguisedLearnerWithDownload(
	context: BrowserContext
): Promise<{ page: Page; step: (name: string) => void }> {
	const step = traced(context);
	const page = await context.newPage();
	step('look');
	await chooseLookFirst(page, /^(ဂဏန်းပေါင်းစက်|Calculator)$/);
	step('sign up');
	await signUpInBrowser(page, uniqueName('guarded'), PASSWORD);
	await page.goto('/learn');
	step('code');
	await chooseCode(page);
	await page.waitForURL('**/learn');
	step('worker');
	await controlled(page, '/learn/courses/first-aid-basics');
	step('download');
	await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
	await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
	step('downloaded');
	return { page, step };
}

describe('the code behind the cover', () => {
	it('comes back by itself after idle time, and a page left open goes to it', async () => {
		const context = await phone(browser);
		const { page } = await disguisedLearnerWithDownload(context);
		await page.goto('/learn/profile');
		await page.waitForURL(
			(url) => url.pathname === '/pin' && url.searchParams.get('next') === '/learn/profile',
			{ timeout: inject('pinIdleMs') + 15_000 }
		);
		await expectNeutral(page, [/lanpya/i, /လမ်းပြ/], 'calculator');
		await enterCode(page);
		await page.waitForURL('**/learn/profile');
		await context.close();
	}, 120_000);

	it('guards downloaded courses read from the phone; what the phone keeps to check it names nothing and is spent by wrong codes', async () => {
		const context = await phone(browser);
		const { page, step } = await disguisedLearnerWithDownload(context);
		// What the phone keeps: a salt and 10 bits, under neutral names, never the code. Read
		// without ever making the store (an open that would create it is aborted) and waited for,
		// since the page writes it after the code is chosen: a wait that ends, with a reason.
		const readCheck = () =>
			page.evaluate(
				() =>
					new Promise<unknown>((resolve, reject) => {
						const open = indexedDB.open('store');
						open.onupgradeneeded = () => open.transaction?.abort();
						open.onerror = () => resolve(null);
						open.onsuccess = () => {
							const db = open.result;
							if (!db.objectStoreNames.contains('meta')) {
								db.close();
								return resolve(null);
							}
							const request = db.transaction('meta').objectStore('meta').get('check');
							request.onsuccess = () => {
								db.close();
								resolve(request.result ?? null);
							};
							request.onerror = () => reject(request.error);
						};
					})
			);
		await expect.poll(readCheck, { timeout: 15_000 }).not.toBeNull();
		const check = (await readCheck()) as {
			salt: string;
			rounds: number;
			value: number;
			tries: number;
		};
		expect(check).toMatchObject({ rounds: expect.any(Number), tries: 0 });
		expect(check.value).toBeLessThan(1024);
		const wrong = wrongForPhone(check, 6);
		expect(JSON.stringify(check)).not.toMatch(/482913|၄၈၂၉၁၃/);
		expect((await page.evaluate(() => indexedDB.databases())).map((db) => db.name)).toEqual([
			'store'
		]);

		// The directory of support services, opened once with the network, is kept on the phone.
		step('directory kept');
		await page.goto('/help');
		await expect
			.poll(
				() => page.evaluate(async () => Boolean(await (await caches.open('pages')).match('/help'))),
				{ timeout: 20_000 }
			)
			.toBe(true);

		// A new tab (the code given in another is not this one's), with no network: the lesson,
		// read from the phone by the service worker, shows nothing before the code.
		step('offline reader');
		await context.setOffline(true);
		const reader = await context.newPage();
		await reader.goto(LESSON);
		await shown(reader.getByRole('heading', { level: 1, name: ENTER }));
		expect(await screenText(reader)).not.toMatch(SCREEN_GIVEAWAYS);
		expect(await reader.locator('link[rel="manifest"]').getAttribute('href')).toBe(
			'/manifest/calculator.webmanifest'
		);
		await enterCode(reader, wrong[5]);
		await shown(reader.getByText('ကုဒ် မမှန်ပါ။'));
		await enterCode(reader);
		await shown(
			reader.getByRole('heading', { level: 1, name: course.modules[0].lessons[0].title.my })
		);
		// The directory's kept copy too: nothing before the code, then the directory.
		step('offline directory');
		const directory = await context.newPage();
		await directory.goto('/help');
		await shown(directory.getByRole('heading', { level: 1, name: ENTER }));
		expect(await screenText(directory)).not.toMatch(SCREEN_GIVEAWAYS);
		expect(await screenText(directory)).not.toMatch(/အကူအညီ/);
		await enterCode(directory);
		await shown(directory.getByRole('heading', { level: 1, name: 'အကူအညီ ရယူရန်' }));
		await directory.close();

		// The installed app's first screen opens from the phone too: the chosen look's cover is
		// kept, and no other look's.
		step('cover');
		// It stays open: its code is kept with it (once it was not, and the page, unable to load
		// its code, loaded itself again without end).
		const cover = await context.newPage();
		let loads = 0;
		cover.on('request', (request) => {
			if (request.isNavigationRequest()) loads++;
		});
		await cover.goto('/cover/calculator');
		await shown(cover.getByRole('link', { name: /ဆက်သွားရန်|Continue/ }));
		await hydrated(cover);
		await cover.waitForTimeout(1000);
		expect(loads).toBe(1);
		await cover.close();
		const kept = await reader.evaluate(async () => {
			const urls: string[] = [];
			for (const name of await caches.keys())
				for (const request of await (await caches.open(name)).keys())
					urls.push(new URL(request.url).pathname);
			return urls;
		});
		expect(kept.filter((url) => /^\/(cover|icons)\//.test(url)).sort()).toEqual([
			'/cover/calculator',
			'/icons/calculator.svg'
		]);
		await context.setOffline(false);

		// Another tab, five wrong codes: the check is gone, and only the code given online opens it again.
		step('wrong codes');
		const guess = await context.newPage();
		await guess.goto(LESSON);
		for (let i = 0; i < 5; i++) {
			await shown(guess.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)'));
			await enterCode(guess, wrong[i]);
		}
		await shown(guess.getByText(/ကုဒ် မှားသည်မှာ များလွန်းသည်/));
		await guess.getByRole('link', { name: 'အင်တာနက်ဖြင့် ဖွင့်ရန်' }).click();
		await guess.waitForURL((url) => url.pathname === '/pin');
		await enterCode(guess);
		await shown(
			guess.getByRole('heading', { level: 1, name: course.modules[0].lessons[0].title.my })
		);
		step('close');
		await closeWorkerContext(context);
	}, 120_000);

	it('yields to the password when forgotten, and five wrong codes sign the phone out', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await chooseLookFirst(page, NOTES);
		await signUpInBrowser(page, uniqueName('forgetful'), PASSWORD);
		await page.goto('/learn');
		await chooseCode(page);
		await page.waitForURL('**/learn');

		// Forgotten: the password instead, then a new code.
		await page.goto('/cover/notes');
		await page.getByRole('link', { name: /ဆက်သွားရန်|Continue/ }).click();
		await page.getByText('ကုဒ်ကို မေ့သွားပါသလား။').click();
		await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), 'not my password');
		await page.getByRole('button', { name: 'စကားဝှက်ဖြင့် ဆက်သွားရန်' }).click();
		await shown(page.getByText('စကားဝှက် မမှန်ပါ။'));
		// fill(''): only empties the field the wrong password was typed into; the right one is typed.
		await page.getByLabel('စကားဝှက်', { exact: true }).fill('');
		await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), PASSWORD);
		await page.getByRole('button', { name: 'စကားဝှက်ဖြင့် ဆက်သွားရန်' }).click();
		await chooseCode(page, '735019');
		await page.waitForURL('**/learn');

		// Five wrong codes: signed out, and only the password opens the account again.
		await page.goto('/pin');
		for (let i = 0; i < 4; i++) {
			await enterCode(page, `99999${i}`);
			await shown(page.getByText(`ကုဒ် မမှန်ပါ။ ${formatNumber(4 - i, 'my')} ကြိမ် ကျန်သည်။`));
		}
		await enterCode(page, '999994');
		await page.waitForURL((url) => url.pathname === '/pin' && url.searchParams.has('ended'));
		await shown(page.getByText(/ကုဒ် မှားသည်မှာ များလွန်းသဖြင့် အကောင့်မှ ထွက်ပြီးပါပြီ/));
		expect((await context.cookies()).map((c) => c.name)).not.toContain('sid');
		await shown(page.getByRole('link', { name: 'အကောင့်ဝင်ရန်' }));
		await context.close();
	}, 120_000);
});
