/**
 * Do no harm: "Leave quickly" (a button on every page, or Shift pressed 3 times) and "Clear this
 * phone". The neutral site is answered by the test itself: nothing here reaches the internet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAR_PENDING_COOKIE } from '$lib/offline/clear';
import { SHELL_CACHE_PREFIX } from '$lib/stored-names';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { startApp, type App } from '../helpers/app';
import { watchOrigins } from './same-origin';
import { axeViolations } from './axe';
import {
	baseUrl,
	consoleErrors,
	controlled,
	launch,
	phone,
	shown,
	signUpInBrowser,
	typeInto,
	uniqueName
} from './support';
import { openMenu } from './screen';
import { NEUTRAL_SITE } from './neutral-site';
import MY from '../../messages/my.json' with { type: 'json' };

/** QUICK_EXIT_URL of the test servers (tests/e2e/global-setup.ts). */
const NEUTRAL = NEUTRAL_SITE;
// Its own server beside the suite's (E2E_PORT), so two runs on one machine never collide.
const OWN_PORT = Number(process.env.E2E_PORT ?? 3111) + 7;
const COURSE = 'first-aid-basics';

let browser: Browser;
/** The server of the test with no network, stopped here too should that test time out. */
let ownApp: App | undefined;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await ownApp?.stop();
	await browser?.close();
});

/** A phone whose neutral site is answered here; `visits` collects the requests it got. */
async function phoneWithNeutralSite(options: Parameters<typeof phone>[1] = {}) {
	const context = await phone(browser, options);
	const visits: { referer?: string }[] = [];
	await context.route(`${NEUTRAL}**`, (route) => {
		visits.push({ referer: route.request().headers()['referer'] });
		return route.fulfill({
			contentType: 'text/html; charset=utf-8',
			body: '<!doctype html><title>Weather</title><p>Sunny, 31 °C</p>'
		});
	});
	// A page of Lanpya's origin that runs none of its code and needs no server, to look at what the phone holds.
	await context.route(`${options.baseURL ?? baseUrl()}/probe`, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' })
	);
	return { context, visits };
}

/** Back, from the neutral site: the Lanpya page it reaches leaves again at once. */
async function backStaysNeutral(page: Page) {
	await page.goBack().catch(() => null);
	await page.waitForURL(NEUTRAL);
	await shown(page.getByText('Sunny, 31 °C'));
	expect(await page.title()).toBe('Weather');
}

describe('Leave quickly', () => {
	it('leaves for the neutral site by its button, and Back does not show Lanpya', async () => {
		const { context, visits } = await phoneWithNeutralSite();
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await page.goto('/');
		await openMenu(page);
		await page.getByRole('link', { name: 'အကောင့်ဝင်ရန်' }).first().click();
		await page.waitForURL('**/signin');
		// The link itself leads there: without JavaScript it is a plain link.
		const exit = page.getByRole('link', { name: 'အမြန်ထွက်ရန်' });
		expect(await exit.getAttribute('href')).toBe(NEUTRAL);
		await exit.click();
		await page.waitForURL(NEUTRAL);
		await shown(page.getByText('Sunny, 31 °C'));
		// The neutral site is not told where the person came from.
		expect(visits[0].referer).toBeUndefined();
		// Two Lanpya pages were open in this tab: Back reaches neither, and then the page before Lanpya.
		await backStaysNeutral(page);
		await page.goBack();
		expect(page.url()).toBe('about:blank');
		expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
		await context.close();
	});

	it('leaves when Shift is pressed 3 times, even before the app has loaded its code, but not while typing capitals', async () => {
		const { context } = await phoneWithNeutralSite();
		const page = await context.newPage();
		// The app's scripts never arrive (a slow or broken connection): the page was never hydrated.
		await page.route('**/_app/immutable/**', (route) => route.abort());
		await page.goto('/signin');
		const name = page.getByLabel('အသုံးပြုသူအမည်');
		await name.click();
		for (const key of ['KeyA', 'KeyB', 'KeyC']) {
			await page.keyboard.down('Shift');
			await page.keyboard.press(key);
			await page.keyboard.up('Shift');
		}
		expect(await name.inputValue()).toBe('ABC');
		expect(page.url()).toBe(`${baseUrl()}/signin`);
		for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
		await page.waitForURL(NEUTRAL);
		// The neutral site took the Lanpya page's place in the history: Back goes to what came before.
		await page.goBack();
		expect(page.url()).toBe('about:blank');
		await context.close();
	});

	it('counts only presses within 5 seconds', async () => {
		const { context } = await phoneWithNeutralSite();
		const page = await context.newPage();
		await page.goto('/');
		await page.keyboard.press('Shift');
		await page.keyboard.press('Shift');
		await page.waitForTimeout(5_200);
		await page.keyboard.press('Shift');
		await page.waitForTimeout(300);
		expect(page.url()).toBe(`${baseUrl()}/`);
		await context.close();
	});

	it('explains what it does not do, in the menu beside it', async () => {
		const { context } = await phoneWithNeutralSite();
		const page = await context.newPage();
		await page.goto('/');
		await openMenu(page);
		await shown(page.getByText(/မှတ်တမ်း \(History\) ကိုမူ မဖျက်ပါ/));
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('link', { name: 'ဤဖုန်းမှ လမ်းပြကို ရှင်းလင်းရန်' }).click();
		await page.waitForURL('**/clear');
		await shown(page.getByRole('heading', { level: 1, name: 'ဤဖုန်းမှ လမ်းပြကို ရှင်းလင်းရန်' }));
		await shown(page.getByText(/ဘရောက်ဇာ၏ မှတ်တမ်း \(History\) ကို မဖျက်ပါ/));
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});
});

interface PhoneState {
	databases: string[];
	caches: string[];
	workers: number;
	cookies: string[];
}

/** What the phone holds for the site, read from the probe page (see phoneWithNeutralSite). */
async function phoneState(context: BrowserContext, origin: string): Promise<PhoneState> {
	const probe = await context.newPage();
	await probe.goto(`${origin}/probe`);
	const held = await probe.evaluate(async () => ({
		databases: (await indexedDB.databases()).map((db) => db.name ?? ''),
		caches: await caches.keys(),
		workers: (await navigator.serviceWorker.getRegistrations()).length
	}));
	await probe.close();
	return { ...held, cookies: (await context.cookies(origin)).map((c) => c.name).sort() };
}

/** Whether the server still accepts a session token. */
async function sessionWorks(origin: string, token: string): Promise<boolean> {
	const response = await fetch(`${origin}/learn`, {
		headers: { cookie: `sid=${token}`, accept: 'text/html' },
		redirect: 'manual'
	});
	return response.status === 200;
}

/** A learner with a course downloaded: a service worker, caches, an IndexedDB outbox and a session. */
async function learnerWithDownload(page: Page): Promise<string> {
	await signUpInBrowser(page, uniqueName('clearing'), 'nothing left behind');
	await controlled(page, `/learn/courses/${COURSE}`);
	await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
	await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
	return (await page.context().cookies()).find((c) => c.name === 'sid')!.value;
}

async function openClearPage(page: Page) {
	await openMenu(page);
	await page.getByRole('link', { name: 'ဤဖုန်းမှ လမ်းပြကို ရှင်းလင်းရန်' }).click();
	await shown(page.getByRole('button', { name: 'ယခု ရှင်းလင်းရန်' }));
}

describe('Clear this phone', () => {
	it('removes databases, caches, the service worker, cookies and the session, then leaves', async () => {
		const { context } = await phoneWithNeutralSite();
		const page = await context.newPage();
		const token = await learnerWithDownload(page);
		const before = await phoneState(context, baseUrl());
		expect(before.databases).toContain('store');
		expect(before.caches).toContain(`files-${COURSE}`);
		expect(before.workers).toBe(1);
		expect(before.cookies).toContain('sid');
		expect(await sessionWorks(baseUrl(), token)).toBe(true);

		await openClearPage(page);
		await page.getByRole('button', { name: 'ယခု ရှင်းလင်းရန်' }).click();
		await page.waitForURL(NEUTRAL, { timeout: 20_000 });
		await backStaysNeutral(page);

		expect(await phoneState(context, baseUrl())).toEqual({
			databases: [],
			caches: [],
			workers: 0,
			cookies: []
		});
		expect(await sessionWorks(baseUrl(), token)).toBe(false);
		await context.close();
	}, 120_000); // it signs up and downloads a course first

	it('without JavaScript, is a form whose answer clears the phone and leaves', async () => {
		const { context } = await phoneWithNeutralSite({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('noscript'), 'nothing left behind');
		const token = (await context.cookies()).find((c) => c.name === 'sid')!.value;
		await page.goto('/account');
		await page.getByRole('link', { name: 'ဖျက်မည့်အရာများကို ကြည့်ရန်' }).click();
		// What no website can delete: the page names the browser's own settings, item by item.
		const settings = page.getByRole('listitem');
		for (const key of [
			'clear_browser_history',
			'clear_browser_autofill',
			'clear_browser_passwords'
		] as const)
			await shown(settings.getByText(MY[key], { exact: true }));
		await shown(page.getByText(MY.clear_browser_never_saved, { exact: true }));
		await page.getByRole('button', { name: 'ယခု ရှင်းလင်းရန်' }).click();
		await page.waitForURL(NEUTRAL);
		expect(await context.cookies(baseUrl())).toEqual([]);
		expect(await sessionWorks(baseUrl(), token)).toBe(false);
		await context.close();
	});

	it('with no network, clears the phone at once and ends the session at its next visit', async () => {
		// Its own server, stopped to be out of reach (the browser's offline switch does not reach
		// what a service worker fetches), then started again on the same database.
		let app = (ownApp = await startApp(OWN_PORT, undefined, { QUICK_EXIT_URL: NEUTRAL }));
		const { context } = await phoneWithNeutralSite({ baseURL: app.baseUrl });
		try {
			const page = await context.newPage();
			const token = await learnerWithDownload(page);
			await app.stop();

			// The page comes from the phone: the service worker keeps it for this.
			await page.goto('/clear');
			await page.getByRole('button', { name: 'ယခု ရှင်းလင်းရန်' }).click();
			await page.waitForURL(NEUTRAL, { timeout: 20_000 });

			// What a page can reach is gone; the HttpOnly session cookie is the server's to remove.
			const origin = app.baseUrl;
			expect(await phoneState(context, origin)).toEqual({
				databases: [],
				caches: [],
				workers: 0,
				cookies: [CLEAR_PENDING_COOKIE, 'sid']
			});

			// Later, with the network back: the phone's first visit ends the session.
			app = ownApp = await startApp(OWN_PORT, app.databasePath, { QUICK_EXIT_URL: NEUTRAL });
			expect(await sessionWorks(origin, token)).toBe(true);
			const later = await context.newPage();
			await later.goto('/');
			await openMenu(later);
			await shown(later.getByRole('link', { name: 'အကောင့်ဝင်ရန်' }).first());
			expect(await sessionWorks(origin, token)).toBe(false);
			expect((await context.cookies(origin)).map((c) => c.name)).not.toContain('sid');
			expect((await context.cookies(origin)).map((c) => c.name)).not.toContain(
				CLEAR_PENDING_COOKIE
			);
		} finally {
			await context.close();
			await app.stop();
		}
	}, 180_000); // it starts the app twice
});

/** A phone's browser profile kept on disk, as a search would find it (Debian's Chromium). */
async function persistentPhone(dir: string): Promise<BrowserContext> {
	const context = watchOrigins(
		await chromium.launchPersistentContext(dir, {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: CHROMIUM_ARGS,
			baseURL: baseUrl(),
			viewport: { width: 360, height: 740 },
			isMobile: true,
			hasTouch: true
		})
	);
	await context.route(`${NEUTRAL}**`, (route) =>
		route.fulfill({
			contentType: 'text/html; charset=utf-8',
			body: '<!doctype html><title>Weather</title><p>Sunny, 31 °C</p>'
		})
	);
	await context.route(`${baseUrl()}/probe`, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' })
	);
	return context;
}

/** Every file under `dir` (recursively), or none when it does not exist. */
function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(file) : [file];
	});
}

/**
 * The browser's stores where a site's names end up on disk: IndexedDB (database and store
 * names), Cache Storage's lists of cache names, the service worker database (registrations and
 * Background Sync tags), session and local storage, and cookies. Not the caches' contents nor
 * the worker's script: they hold the app's own code, whose text names anything.
 */
function namedStores(profile: string): string[] {
	const root = path.join(profile, 'Default');
	return [
		...filesUnder(path.join(root, 'IndexedDB')),
		...filesUnder(path.join(root, 'Service Worker', 'CacheStorage')).filter(
			(file) => path.basename(file) === 'index.txt'
		),
		...filesUnder(path.join(root, 'Service Worker', 'Database')),
		...filesUnder(path.join(root, 'Session Storage')),
		...filesUnder(path.join(root, 'Local Storage')),
		...['Cookies', 'Cookies-journal']
			.map((name) => path.join(root, name))
			.filter((file) => fs.existsSync(file))
	];
}

/**
 * The stores among `files` whose bytes hold `text`, in any way Chromium writes strings: UTF-8 or
 * Latin-1, or UTF-16 (sessionStorage and IndexedDB keep some strings so), at either alignment.
 */
function holding(files: string[], text: string | RegExp): string[] {
	const pattern =
		typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text;
	return files
		.filter((file) => {
			const bytes = fs.readFileSync(file);
			return [
				bytes.toString('utf8'),
				bytes.toString('latin1'),
				bytes.toString('utf16le'),
				bytes.subarray(1).toString('utf16le')
			].some((decoded) => pattern.test(decoded));
		})
		.map((file) => path.basename(path.dirname(file)) + '/' + path.basename(file));
}

describe('what a searched phone keeps on disk', () => {
	it('names nothing of the app in any store of the browser, after use behind a disguise and after "Clear this phone"', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-profile-'));
		const code = '၄၈၂၉၁၃';
		let context = await persistentPhone(dir);
		let page = context.pages()[0] ?? (await context.newPage());
		// Disguised before anything else, a learner signs up, chooses a code, downloads a course,
		// marks a lesson done with no network (the outbox and a Background Sync tag), and leaves quickly.
		await page.goto('/');
		await page
			.getByRole('group', { name: 'အသွင်' })
			.getByRole('button', { name: 'ဂဏန်းပေါင်းစက်' })
			.tap();
		await shown(page.getByText('ယခု - ဂဏန်းပေါင်းစက်'));
		await signUpInBrowser(page, uniqueName('searched'), 'nothing left behind');
		await page.goto('/learn');
		await typeInto(page.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)'), code);
		await typeInto(page.getByLabel('တူညီသော ကုဒ်ကို ထပ်ရိုက်ပါ'), code);
		await page.getByRole('button', { name: 'ကုဒ်ကို သိမ်းရန်' }).click();
		await page.waitForURL('**/learn');
		await controlled(page, `/learn/courses/${COURSE}`);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		await context.setOffline(true);
		const firstLesson = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'))
			.modules[0].lessons[0].id;
		await page.goto(`/learn/courses/${COURSE}/lessons/${firstLesson}`);
		await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).click();
		await shown(page.getByText('ပြီးပါပြီ။ ဤဖုန်းပေါ်တွင် သိမ်းထားပြီး အင်တာနက် ရလျှင် ပို့မည်။'));
		const tags = await page.evaluate(async () =>
			(
				(await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
					sync: { getTags(): Promise<string[]> };
				}
			).sync.getTags()
		);
		await context.setOffline(false);
		// Opened again from its cover, with the code.
		await page.goto('/cover/calculator');
		await page.getByRole('link', { name: 'ဆက်သွားရန်' }).click();
		await page.waitForURL('**/pin');
		await typeInto(page.getByLabel('ကုဒ် (ဂဏန်း ၆ လုံး)'), code);
		await page.getByRole('button', { name: 'ဖွင့်ရန်' }).click();
		await page.waitForURL('**/learn');
		await page.getByRole('link', { name: 'အမြန်ထွက်ရန်' }).click();
		await page.waitForURL(NEUTRAL);

		// What the browser's own interfaces list: neutral names only.
		const state = await phoneState(context, baseUrl());
		expect(state.databases).toEqual(['store']);
		expect(state.caches.filter((name) => !name.startsWith(SHELL_CACHE_PREFIX))).toEqual([
			`files-${COURSE}`
		]);
		expect(tags).toEqual(['send']);
		expect(state.cookies).toEqual(expect.arrayContaining(['sid', 'theme']));
		expect(state.cookies.filter((name) => /lanpya/i.test(name))).toEqual([]);
		await context.close();

		// On disk, as a search of the phone's files finds it: each store holds what was used (so
		// the search is not blind), and nothing in any of them names the app.
		let stores = namedStores(dir);
		expect(holding(stores, COURSE).length).toBeGreaterThan(0);
		expect(holding(stores, NEUTRAL).length).toBeGreaterThan(0);
		expect(holding(stores, /lanpya/i)).toEqual([]);
		// The code typed is in no record of the browser (autofill, saved passwords).
		const records = ['Web Data', 'Login Data']
			.map((name) => path.join(dir, 'Default', name))
			.filter((file) => fs.existsSync(file));
		for (const text of [code, '482913']) expect(holding(records, text)).toEqual([]);
		// With the disguise chosen first, the history's titles are the tool's.
		const historyCopy = path.join(dir, 'history-copy');
		fs.copyFileSync(path.join(dir, 'Default', 'History'), historyCopy);
		const history = new Database(historyCopy, { readonly: true });
		const titles = (history.prepare('select title from urls').all() as { title: string }[])
			.map((row) => row.title)
			.filter(Boolean);
		history.close();
		expect(titles.length).toBeGreaterThan(0);
		expect(titles.filter((title) => /lanpya|လမ်းပြ/i.test(title))).toEqual([]);

		// "Clear this phone", then a look at the disk again.
		context = await persistentPhone(dir);
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/clear');
		await page.getByRole('button', { name: 'ယခု ရှင်းလင်းရန်' }).click();
		await page.waitForURL(NEUTRAL, { timeout: 20_000 });
		expect(await phoneState(context, baseUrl())).toEqual({
			databases: [],
			caches: [],
			workers: 0,
			cookies: []
		});
		await context.close();
		stores = namedStores(dir);
		expect(holding(stores, /lanpya/i)).toEqual([]);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 180_000); // a whole learner's use, two browser starts
});
