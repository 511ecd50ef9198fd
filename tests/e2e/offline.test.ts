/**
 * An installable app that opens with no network: manifest and icons, a service worker that
 * keeps the app shell, a friendly offline page, and an update the learner chooses to take.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { startApp } from '../helpers/app';
import {
	answerQuiz,
	baseUrl,
	Client,
	controlled,
	launch,
	phone,
	shown,
	signUpInBrowser,
	uniqueName
} from './support';
import { onScreen, openMenu } from './screen';
import { axeViolations } from './axe';
import { watchOrigins } from './same-origin';
import { formatBytes, formatNumber } from '$lib/format';
import { SHELL_CACHE_PREFIX } from '$lib/stored-names';

const COURSE = 'first-aid-basics';
// Its own server beside the suite's (E2E_PORT), so two runs on one machine never collide.
const OWN_PORT = Number(process.env.E2E_PORT ?? 3111) + 3;
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));
const lessons: { id: string; title: { my: string } }[] = course.modules.flatMap(
	(m: { lessons: unknown[] }) => m.lessons
);

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('the installable app', () => {
	it('has a manifest with a name, a start page, standalone display and icons, maskable included', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/');
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		const response = await page.request.get(new URL(href!, page.url()).href);
		expect(response.headers()['content-type']).toBe('application/manifest+json');
		const manifest = await response.json();
		expect(manifest).toMatchObject({
			short_name: 'လမ်းပြ',
			start_url: '/',
			display: 'standalone',
			theme_color: '#1f5f4a'
		});
		expect(manifest.name).toContain('လမ်းပြ');
		const sizes = manifest.icons.map(
			(i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`
		);
		expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
		for (const icon of manifest.icons) {
			const file = await page.request.get(new URL(icon.src, page.url()).href);
			expect(file.status()).toBe(200);
			expect(file.headers()['content-type']).toBe(icon.type);
		}
		await context.close();
	});

	it('keeps the app shell on the phone from a later visit, and shows a friendly offline page for pages it cannot reach', async () => {
		const context = await phone(browser);
		const first = await context.newPage();
		// What the page itself asked for on its first visit (the service worker's requests left out).
		const fetched: string[] = [];
		context.on('request', (request) => {
			if (!request.serviceWorker()) fetched.push(new URL(request.url()).pathname);
		});
		await controlled(first);
		await first.waitForLoadState('networkidle');
		const keptPaths = (page: Page) =>
			page.evaluate(async () => {
				const urls: string[] = [];
				for (const name of await caches.keys())
					for (const request of await (await caches.open(name)).keys())
						urls.push(new URL(request.url).pathname);
				return urls;
			});
		// A first visit keeps only what the page itself loaded (the worker takes it from the
		// browser's cache), so it costs nothing more; the offline page is not among it.
		const firstKept = await keptPaths(first);
		expect(firstKept.length).toBeGreaterThan(0);
		expect(firstKept.filter((url) => !fetched.includes(url))).toEqual([]);
		expect(firstKept).not.toContain('/offline');
		await first.close();

		// A later visit (a new tab) keeps the rest.
		const page = await context.newPage();
		await page.goto('/learn/courses');
		await expect
			.poll(async () => (await keptPaths(page)).includes('/offline/reader'), { timeout: 20_000 })
			.toBe(true);
		// Only the code of what works offline is kept: pages that need the network are not.
		const kept = await keptPaths(page);
		expect(kept.filter((url) => url.includes('/nodes/')).length).toBeGreaterThanOrEqual(4);
		// No disguise was chosen: no cover screen is kept.
		expect(kept.filter((url) => url.startsWith('/cover/'))).toEqual([]);
		expect(kept.filter((url) => /\/nodes\/\d+-net\.|\/chunks\/staff-/.test(url))).toEqual([]);
		await context.setOffline(true);
		await page.goto('/learn/courses');
		await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
		await shown(page.getByRole('heading', { name: 'No connection' }));
		// The offline page is a working page of the app: its scripts and styles come from the phone.
		expect(
			await page.evaluate(
				() => getComputedStyle(document.querySelector('header.top')!).backgroundColor
			)
		).toBe('rgb(31, 95, 74)');

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
			const firstWorker = await page.evaluate(
				async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL
			);
			expect(firstWorker).toMatch(/\/service-worker\.js$/);

			// A deploy: the worker script changes (SvelteKit puts the build's version in it).
			expect(original).toContain(version);
			fs.writeFileSync(worker, original.replaceAll(version, String(Number(version) + 1)));
			// A day later: the browser keeps the worker's script at most that long (updateViaCache).
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.clearBrowserCache');
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

			const banner = page.getByRole('status').filter({ hasText: 'လမ်းပြ ဗားရှင်းအသစ် အသင့်ဖြစ်ပြီ။' });
			await shown(banner);
			// Nothing changes until the learner taps.
			expect(
				await page.evaluate(async () =>
					Boolean((await navigator.serviceWorker.getRegistration())?.waiting)
				)
			).toBe(true);
			await Promise.all([
				page.waitForEvent('load'),
				banner.getByRole('button', { name: 'ယခု ပြန်ဖွင့်ရန်' }).click()
			]);
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

/** A browser profile kept on disk, like a phone's: closing and opening it keeps what it stored. */
async function persistentPhone(dir: string, url: string): Promise<BrowserContext> {
	return watchOrigins(
		await chromium.launchPersistentContext(dir, {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: CHROMIUM_ARGS,
			baseURL: url,
			viewport: { width: 360, height: 740 },
			isMobile: true,
			hasTouch: true
		})
	);
}

describe('a course downloaded for offline', () => {
	// The longest journey of the suite (a browser restarted, every lesson and quiz read): more time than the default.
	it(
		'shows its size first, downloads, and opens every lesson with no network after the phone restarts the browser',
		{ timeout: 150_000 },
		async () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-profile-'));
			// Its own server, stopped before going offline: the browser's offline switch does not reach
			// what a service worker fetches, and a stopped server is no network for anyone.
			const app = await startApp(OWN_PORT);
			try {
				let context = await persistentPhone(dir, app.baseUrl);
				let page = context.pages()[0] ?? (await context.newPage());
				await signUpInBrowser(page, uniqueName('offline'), 'reading without a signal');
				await controlled(page, `/learn/courses/${COURSE}`);
				const manifest = await (await page.request.get(`/api/courses/${COURSE}/offline`)).json();
				const button = page.getByRole('button', {
					name: `ဒေါင်းလုဒ် · ${formatBytes(manifest.bytes, 'my')}`
				});
				await shown(button);
				// The course's facts state the same size as the button.
				await shown(page.getByText(new RegExp(`ဒေါင်းလုဒ် ${formatBytes(manifest.bytes, 'my')}`)));
				await button.click();
				await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
				await context.close();
				await app.stop();

				context = await persistentPhone(dir, app.baseUrl);
				await context.setOffline(true);
				page = context.pages()[0] ?? (await context.newPage());
				// The app's start page needs the network: the offline page lists what is on the phone.
				await page.goto('/learn');
				await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
				await page.getByRole('link', { name: course.title.my }).click();
				await shown(page.getByRole('heading', { level: 1, name: course.title.my }));
				await page.getByRole('link', { name: lessons[0].title.my }).click();
				for (const module of course.modules as {
					lessons: { id: string; title: { my: string } }[];
					quiz: string;
				}[]) {
					for (const lesson of module.lessons) {
						await shown(page.getByRole('heading', { level: 1, name: lesson.title.my }));
						expect(await page.locator('article.lesson p').count()).toBeGreaterThan(0);
						for (const image of await page.locator('article.lesson img').all()) {
							await image.scrollIntoViewIfNeeded();
							expect(
								await image.evaluate(
									(img: HTMLImageElement) =>
										new Promise((resolve) =>
											img.complete
												? resolve(img.naturalWidth)
												: img.addEventListener('load', () => resolve(img.naturalWidth))
										)
								)
							).toBeGreaterThan(0);
						}
						// Marked done with no network: kept on the phone, counted as waiting.
						await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).click();
						await shown(page.getByText('ပြီးပါပြီ။ ဤဖုန်းပေါ်တွင် သိမ်းထားပြီး အင်တာနက် ရလျှင် ပို့မည်။'));
						await page
							.getByRole('navigation')
							.getByRole('link', { name: /နောက် သင်ခန်းစာ|စာမေးပွဲ ဖြေရန်/ })
							.click();
					}
					// The part's quiz, answered and scored on the phone.
					await page.waitForURL(`**/quizzes/${module.quiz}`);
					await answerQuiz(page, COURSE, module.quiz);
					// The score comes first: on screen and focused, not the last question answered.
					expect(await onScreen(page.locator('[role="status"][data-reveal]'))).toBe(true);
					expect(
						await page.evaluate(() =>
							document.activeElement?.matches('[role="status"][data-reveal]')
						)
					).toBe(true);
					await shown(page.getByText(/ဤဖုန်းပေါ်တွင် သိမ်းထားပြီး အင်တာနက် ရလျှင် ပို့မည်။ ထို့နောက်/));
					await page
						.getByRole('navigation')
						.getByRole('link', { name: /နောက် သင်ခန်းစာ|သင်တန်းသို့ ပြန်သွားရန်/ })
						.click();
				}
				const changes = lessons.length + course.modules.length;
				await shown(page.getByText(`ပြောင်းလဲမှု ${formatNumber(changes, 'my')} ခု သိမ်းရန် စောင့်နေသည်`));

				// The network comes back: the phone sends what it kept, and the server applies it once:
				// every lesson done, one attempt per quiz, the course complete, one certificate.
				const again = await startApp(OWN_PORT, app.databasePath);
				try {
					await context.setOffline(false);
					await shown(page.getByText('ဤဖုန်းမှ ပြောင်းလဲမှုအားလုံး သိမ်းပြီးပါပြီ။'));
					const sqlite = new Database(app.databasePath, { readonly: true });
					const count = (sql: string) => (sqlite.prepare(sql).get(COURSE) as { n: number }).n;
					const held = {
						lessons: count('select count(*) n from lesson_progress where course_id = ?'),
						attempts: count(
							'select count(*) n from quiz_attempt where course_id = ? and passed = 1'
						),
						completed: count(
							'select count(*) n from enrolment where course_id = ? and completed_at is not null'
						),
						certificates: count('select count(*) n from certificate where course_id = ?'),
						events: count('select count(*) n from sync_event where ? is not null')
					};
					sqlite.close();
					expect(held).toEqual({
						lessons: lessons.length,
						attempts: course.modules.length,
						completed: 1,
						certificates: 1,
						events: changes
					});
					await page.goto(`/learn/courses/${COURSE}`);
					await shown(page.getByRole('heading', { level: 1, name: course.title.my }));
					await shown(page.getByRole('link', { name: 'ကျွန်ုပ်၏ လက်မှတ်ကို ကြည့်ရန်' }));
					expect(await page.getByText(/သိမ်းရန် စောင့်နေသည်/).count()).toBe(0);
				} finally {
					await again.stop();
				}
				await context.close();
			} finally {
				await app.stop();
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	);

	it('goes on from where it stopped when the connection drops, fetching nothing twice', async () => {
		const context = await phone(browser, { serviceWorkers: 'block' });
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('resume'), 'signal comes and goes');
		const fetched: string[] = [];
		let allowed = 3;
		await page.route('**/api/courses/*/offline/**', async (route) => {
			if (allowed-- <= 0) return route.abort('internetdisconnected');
			fetched.push(new URL(route.request().url()).pathname);
			return route.continue();
		});
		await page.goto(`/learn/courses/${COURSE}`);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByRole('alert').filter({ hasText: 'ဒေါင်းလုဒ် ရပ်သွားသည်' }));
		expect(fetched).toHaveLength(3);

		// The app is closed and opened again later, with the connection back.
		allowed = Infinity;
		await page.goto(`/learn/courses/${COURSE}`);
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		expect(new Set(fetched).size).toBe(fetched.length);
		const manifest = await (await page.request.get(`/api/courses/${COURSE}/offline`)).json();
		// Every file of the package once, and the server's signed list of them once (kept at once).
		expect(fetched.length).toBe(
			manifest.files.filter((f: { url: string }) => f.url.startsWith('/api/')).length + 1
		);
		expect(fetched.filter((url) => url.endsWith('/offline/signature'))).toHaveLength(1);

		// "On this phone" lists it with its size, and removes it.
		await page.getByRole('link', { name: 'ဤဖုန်းပေါ်ရှိ သင်တန်းများ' }).click();
		await page.waitForURL('**/learn/downloads');
		await shown(page.getByRole('link', { name: course.title.my }));
		await shown(page.getByText(/^[၀-၉]+ KB$/));
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: `${course.title.my} ကို ဤဖုန်းမှ ဖယ်ရန်` }).click();
		await shown(page.getByText('ဒေါင်းလုဒ်လုပ်ထားသော သင်တန်း မရှိသေးပါ။'));
		expect(await page.evaluate(() => caches.keys())).not.toContain(`files-${'first-aid-basics'}`);
		await context.close();
	});
});

describe('a new version of a downloaded course', () => {
	const UPDATED = 'phone-safety-basics';
	const safety = JSON.parse(fs.readFileSync(`content/courses/${UPDATED}/course.json`, 'utf8'));
	const firstLesson: { id: string; title: { my: string } } = safety.modules[0].lessons[0];
	/** An author publishes a new version: one lesson gets a new sentence, the version moves on. */
	function publishNewVersion(sentence: string) {
		const db = new Database(inject('databasePath'));
		try {
			db.prepare('update lesson set body_my = body_my || ? where course_id = ? and id = ?').run(
				`\n\n${sentence}\n`,
				UPDATED,
				firstLesson.id
			);
			db.prepare('update course set version = version + 1, updated_at = ? where id = ?').run(
				Date.now(),
				UPDATED
			);
		} finally {
			db.close();
		}
	}
	const storedFiles = (page: Page) =>
		page.evaluate(
			async (name) =>
				(await (await caches.open(name)).keys())
					.map((r) => new URL(r.url).pathname + new URL(r.url).search)
					.sort(),
			`files-${UPDATED}`
		);

	it('updates only what changed, when the learner allows or by itself, and its lessons open from the phone with no data', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('updater'), 'courses that change');
		await controlled(page, `/learn/courses/${UPDATED}`);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		const first = await storedFiles(page);

		// Opening a downloaded lesson, with the network on, fetches nothing: the reader answers.
		const fromNetwork: string[] = [];
		page.on('response', (response) => {
			if (!response.fromServiceWorker()) fromNetwork.push(response.url());
		});
		await page.getByRole('link', { name: firstLesson.title.my }).click();
		await shown(page.getByText('ဤဖုန်းထဲမှ ဖတ်နေသည် - ဒေတာ မကုန်ပါ။'));
		await shown(page.getByRole('heading', { level: 1, name: firstLesson.title.my }));
		await page.waitForLoadState('networkidle');
		expect(fromNetwork).toEqual([]);
		// The reader knows no account (it is kept without cookies): its header leads back to the app.
		await openMenu(page);
		const header = page.getByRole('navigation', { name: 'ပင်မ' });
		await shown(header.getByRole('link', { name: 'ဤဖုန်းပေါ်တွင်' }));
		expect(await header.getByRole('link', { name: 'အကောင့်ဝင်ရန်' }).count()).toBe(0);

		// The learner asks to be asked first; then a new version is published.
		await page.goto('/learn/downloads');
		await page.getByLabel('ကျွန်ုပ်ကို အရင်မေးရန်').check();
		publishNewVersion('ဗားရှင်းအသစ်၏ စာကြောင်း။');
		await page.goto('/learn');
		await page.getByRole('link', { name: /သင်တန်း ၁ ခုတွင် ဗားရှင်းအသစ် ရှိသည်/ }).click();
		await page.waitForURL('**/learn/downloads');
		await shown(page.getByText('ဗားရှင်းအသစ် ရှိသည်'));
		// Nothing was fetched before the learner's choice.
		expect(await storedFiles(page)).toEqual(first);
		await page
			.getByRole('button', { name: new RegExp(`^${safety.title.my} ကို အသစ်ပြောင်းရန် · [၀-၉]+ KB$`) })
			.click();
		await expect.poll(() => page.getByText(/ဗားရှင်းအသစ် ရှိသည်|အသစ်ပြောင်းနေသည်/).count()).toBe(0);
		const second = await storedFiles(page);
		// Only what changed: the outline (it names the version) and the one lesson.
		const changed = (before: string[], after: string[]) =>
			after
				.filter((file) => !before.includes(file))
				.map((file) => file.split('?')[0])
				.sort();
		expect(changed(first, second)).toEqual([
			`/api/courses/${UPDATED}/offline/course`,
			`/api/courses/${UPDATED}/offline/lessons/${firstLesson.id}`
		]);
		expect(second).toHaveLength(first.length);
		await page.goto(`/learn/courses/${UPDATED}/lessons/${firstLesson.id}`);
		await shown(page.getByText('ဗားရှင်းအသစ်၏ စာကြောင်း။'));

		// Back to automatic: the next version arrives when the app opens, with no question asked.
		await page.goto('/learn/downloads');
		await page.getByLabel(/^အလိုအလျောက် အသစ်ပြောင်းရန်/).check();
		publishNewVersion('တတိယ ဗားရှင်း။');
		await page.goto('/learn');
		// Until the update has finished, the cache also holds the course's title (kept while a download runs).
		const updated = async () => {
			const files = await storedFiles(page);
			return (
				files.join() !== second.join() && !files.some((file) => file.endsWith('/offline/title'))
			);
		};
		await expect.poll(updated, { timeout: 10_000 }).toBe(true);
		expect(await page.getByText(/ဗားရှင်းအသစ် ရှိသည်/).count()).toBe(0);
		expect(changed(second, await storedFiles(page))).toEqual([
			`/api/courses/${UPDATED}/offline/course`,
			`/api/courses/${UPDATED}/offline/lessons/${firstLesson.id}`
		]);
		await page.goto(`/learn/courses/${UPDATED}/lessons/${firstLesson.id}`);
		await shown(page.getByText('တတိယ ဗားရှင်း။'));
		await context.close();
	});
});

describe('a phone that kept things under the names of an earlier version', () => {
	it('keeps its downloaded course and waiting progress, moved under neutral names, and its cookies', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const name = uniqueName('oldnames');
		await signUpInBrowser(page, name, 'kept from an earlier version');
		await controlled(page, `/learn/courses/${COURSE}`);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		await page.goto('/learn');
		await page.waitForLoadState('networkidle');

		// The phone as an earlier version left it: the course in a cache named after the app, a
		// lesson marked done offline in the outbox under the app's name, and no worker yet that
		// knows the new names (a worker of the earlier version never moved anything).
		await page.evaluate(
			async ({ course, lessonId }) => {
				const old = await caches.open(`lanpya-course-${course}`);
				const own = await caches.open(`files-${course}`);
				for (const request of await own.keys()) await old.put(request, (await own.match(request))!);
				await caches.delete(`files-${course}`);
				const read = (name: string) =>
					new Promise<IDBDatabase>((resolve) => {
						const open = indexedDB.open(name, 1);
						open.onupgradeneeded = () => {
							open.result.createObjectStore('events', { keyPath: 'id' });
							open.result.createObjectStore('meta');
						};
						open.onsuccess = () => resolve(open.result);
					});
				const current = await read('store');
				const key = await new Promise<string>((resolve) => {
					const get = current.transaction('meta').objectStore('meta').get('account');
					get.onsuccess = () => resolve(get.result);
				});
				current.close();
				await new Promise((resolve) => (indexedDB.deleteDatabase('store').onsuccess = resolve));
				const earlier = await read('lanpya-outbox');
				const tx = earlier.transaction(['meta', 'events'], 'readwrite');
				tx.objectStore('meta').put(key, 'account');
				tx.objectStore('events').put({
					id: crypto.randomUUID(),
					key,
					type: 'lesson_done',
					courseId: course,
					lessonId,
					at: Date.now()
				});
				await new Promise((resolve) => (tx.oncomplete = resolve));
				earlier.close();
				for (const registration of await navigator.serviceWorker.getRegistrations())
					await registration.unregister();
			},
			{ course: COURSE, lessonId: lessons[1].id }
		);
		// The app shell's cache aside.
		const held = () =>
			page.evaluate(
				async (shell) => ({
					caches: (await caches.keys()).filter((n) => !n.startsWith(shell)).sort(),
					databases: (await indexedDB.databases()).map((d) => d.name).sort()
				}),
				SHELL_CACHE_PREFIX
			);
		expect(await held()).toEqual({
			caches: [`lanpya-course-${COURSE}`],
			databases: ['lanpya-outbox']
		});

		// This version opens: its worker moves the course, the page moves and sends the progress.
		await controlled(page, '/learn');
		await expect
			.poll(held, { timeout: 20_000 })
			.toEqual({ caches: [`files-${COURSE}`], databases: ['store'] });
		const db = new Database(inject('databasePath'), { readonly: true });
		try {
			const done = () =>
				db
					.prepare(
						'select lesson_id from lesson_progress p join user u on u.id = p.user_id where u.username = ?'
					)
					.all(name);
			await expect.poll(done, { timeout: 10_000 }).toEqual([{ lesson_id: lessons[1].id }]);
		} finally {
			db.close();
		}
		// The course still opens from the phone, with no network.
		await context.setOffline(true);
		await page.goto(`/learn/courses/${COURSE}/lessons/${lessons[0].id}`);
		await shown(page.getByRole('heading', { level: 1, name: lessons[0].title.my }));
		await context.close();
	}, 120_000);

	it('has its cookies renamed by the first answer, keeping the session, the language and the look', async () => {
		const client = new Client('en');
		const name = uniqueName('oldcookies');
		await client.signUp(name);
		const token = client.cookie.replace(/^sid=/, '');
		const response = await fetch(`${baseUrl()}/learn`, {
			headers: {
				cookie: `lanpya_session=${token}; lanpya_lang=en; lanpya_look=notes; lanpya_text=l`,
				accept: 'text/html'
			},
			redirect: 'manual'
		});
		// Still signed in, in English, behind Notes: the account has no code yet, so it is asked for one.
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/pin?next=%2Flearn');
		const set = response.headers.getSetCookie();
		expect(set.find((c) => c.startsWith('sid='))).toMatch(
			new RegExp(`^sid=${token};.*HttpOnly`, 'i')
		);
		expect(set).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^lang=en;/),
				expect.stringMatching(/^theme=notes;/),
				expect.stringMatching(/^size=l;/)
			])
		);
		for (const old of ['lanpya_session', 'lanpya_lang', 'lanpya_look', 'lanpya_text'])
			expect(
				set.find((c) => c.startsWith(`${old}=`)),
				old
			).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
		const pin = await (
			await fetch(`${baseUrl()}/pin`, {
				headers: {
					cookie: `lanpya_session=${token}; lanpya_lang=en; lanpya_look=notes`,
					accept: 'text/html'
				}
			})
		).text();
		expect(pin).toContain('<title>Notes</title>');
		expect(pin).toContain('Choose a code');
	});
});

describe('progress made offline when the app is then closed', () => {
	it('is sent by the service worker once the network is back (Background Sync)', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const name = uniqueName('closed');
		await signUpInBrowser(page, name, 'the app closed before the signal came back');
		await controlled(page, `/learn/courses/${COURSE}`);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));

		await context.setOffline(true);
		await page.goto(`/learn/courses/${COURSE}/lessons/${lessons[0].id}`);
		await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).click();
		await shown(page.getByText('ပြီးပါပြီ။ ဤဖုန်းပေါ်တွင် သိမ်းထားပြီး အင်တာနက် ရလျှင် ပို့မည်။'));
		// Sending failed, so the page asked the browser to wake the service worker later.
		await expect
			.poll(() =>
				page.evaluate(async () =>
					(
						(await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
							sync: { getTags(): Promise<string[]> };
						}
					).sync.getTags()
				)
			)
			.toContain('send');

		// The learner closes the app; later the network is back and the browser fires the sync.
		const blank = await context.newPage();
		await page.close();
		await context.setOffline(false);
		const cdp = await context.newCDPSession(blank);
		const registration = new Promise<string>((resolve) =>
			cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
				const ours = registrations.find(
					(r: { scopeURL: string; isDeleted: boolean }) =>
						r.scopeURL.startsWith(baseUrl()) && !r.isDeleted
				);
				if (ours) resolve(ours.registrationId);
			})
		);
		await cdp.send('ServiceWorker.enable');
		await cdp.send('ServiceWorker.dispatchSyncEvent', {
			origin: new URL(baseUrl()).origin,
			registrationId: await registration,
			tag: 'send',
			lastChance: false
		});

		const db = new Database(inject('databasePath'), { readonly: true });
		try {
			const done = () =>
				db
					.prepare(
						'select count(*) n from lesson_progress p join user u on u.id = p.user_id where u.username = ?'
					)
					.get(name);
			await expect.poll(done, { timeout: 10_000 }).toEqual({ n: 1 });
		} finally {
			db.close();
		}
		await context.close();
	});
});

describe('signing out with progress still on the phone', () => {
	it('sends it first, or warns and lets the learner choose when it cannot', async () => {
		const context = await phone(browser, { serviceWorkers: 'block' });
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('leaving'), 'progress left behind');
		await page.goto('/learn');
		// What the reader queues when a lesson is marked done offline, for this account.
		const queued = () =>
			page.evaluate(
				() =>
					new Promise<number>((resolve) => {
						const open = indexedDB.open('store', 1);
						open.onsuccess = () => {
							const all = open.result.transaction('events').objectStore('events').getAll();
							all.onsuccess = () => resolve(all.result.length);
						};
					})
			);
		// Once the page has made its database: opening it first would make an empty one.
		await page.waitForFunction(
			async () =>
				(await indexedDB.databases()).some((db) => db.name === 'store') &&
				new Promise((resolve) => {
					const open = indexedDB.open('store', 1);
					open.onsuccess = () => {
						const get = open.result.transaction('meta').objectStore('meta').get('account');
						get.onsuccess = () => resolve(Boolean(get.result));
					};
					open.onerror = () => resolve(false);
				})
		);
		await page.waitForLoadState('networkidle');
		// Offline from here: nothing queued now can be sent before the learner signs out.
		await context.setOffline(true);
		await page.evaluate(
			(lessonId) =>
				new Promise<void>((resolve) => {
					const open = indexedDB.open('store', 1);
					open.onsuccess = () => {
						const tx = open.result.transaction(['meta', 'events'], 'readwrite');
						tx.objectStore('meta').get('account').onsuccess = (e) => {
							const key = (e.target as IDBRequest<string>).result;
							tx.objectStore('events').put({
								id: crypto.randomUUID(),
								key,
								type: 'lesson_done',
								courseId: 'first-aid-basics',
								lessonId,
								at: Date.now()
							});
						};
						tx.oncomplete = () => resolve();
					};
				}),
			lessons[0].id
		);
		expect(await queued()).toBe(1);
		let warned = '';
		page.once('dialog', (dialog) => {
			warned = dialog.message();
			void dialog.dismiss();
		});
		await openMenu(page);
		await page.getByRole('button', { name: 'ထွက်ရန်' }).click();
		await page.waitForFunction(() => true);
		await expect.poll(() => warned).toContain('မသိမ်းရသေးပါ');
		expect(new URL(page.url()).pathname).toBe('/learn');
		expect(await queued()).toBe(1);

		// Online again: signing out sends it first, then leaves nothing behind.
		await context.setOffline(false);
		await openMenu(page);
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/'),
			page.getByRole('button', { name: 'ထွက်ရန်' }).click()
		]);
		expect(await queued()).toBe(0);
		await context.close();
	});
});
