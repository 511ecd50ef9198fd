/**
 * "This is a shared phone", in Burmese on a 360 px phone: the session ends with the browser
 * (its cookie has no expiry), nothing is downloaded and no service worker is registered, and
 * once the phone is left idle (6 s on the test server, 15 minutes by default) personal pages
 * ask for the password again, even one left open on screen, while lessons still open.
 * Without JavaScript too.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import {
	Client,
	consoleErrors,
	launch,
	phone,
	shown,
	typeInto,
	uniqueName,
	waitForIdleLock
} from './support';

const COURSE = 'first-aid-basics';
const firstLesson = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'))
	.modules[0].lessons[0];
const LESSON = `/learn/courses/${COURSE}/lessons/${firstLesson.id}`;
const PASSWORD = 'kettle on a charcoal stove';
const SHARED = 'ဤဖုန်းကို အခြားသူများနှင့် မျှသုံးသည်';
const NO_DOWNLOADS = 'မျှသုံးသော ဖုန်းဖြင့် ဝင်ထားသည်';
const LOCK_HEADING = 'စကားဝှက်ကို ထပ်ရိုက်ထည့်ပါ';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));

/** Completes the course through the offline sync, as a phone that read it all would: a certificate follows. */
async function completeCourse(client: Client) {
	const events: object[] = [];
	for (const module of course.modules as { lessons: { id: string }[]; quiz: string }[]) {
		for (const lesson of module.lessons)
			events.push({
				id: crypto.randomUUID(),
				type: 'lesson_done',
				courseId: COURSE,
				lessonId: lesson.id,
				at: Date.now() - 60_000
			});
		const quiz = JSON.parse(
			fs.readFileSync(`content/courses/${COURSE}/quizzes/${module.quiz}.json`, 'utf8')
		);
		const answers: Record<string, unknown> = {};
		for (const q of quiz.questions) {
			if (q.type === 'single')
				answers[q.id] = q.options.find((o: { correct: boolean }) => o.correct).id;
			else if (q.type === 'multiple')
				answers[q.id] = q.options
					.filter((o: { correct: boolean }) => o.correct)
					.map((o: { id: string }) => o.id);
			else if (q.type === 'true_false') answers[q.id] = q.answer;
			else answers[q.id] = q.accepted.en[0] ?? q.accepted.my[0];
		}
		events.push({
			id: crypto.randomUUID(),
			type: 'quiz_attempt',
			courseId: COURSE,
			quizId: module.quiz,
			answers,
			at: Date.now() - 30_000
		});
	}
	const synced = await client.request('/api/sync', {
		method: 'POST',
		body: JSON.stringify({ events }),
		headers: { 'content-type': 'application/json', accept: 'application/json' }
	});
	expect(synced.status).toBe(200);
}

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

async function account(prefix: string): Promise<string> {
	const name = uniqueName(prefix);
	expect((await new Client('my').signUp(name, 'learner', PASSWORD)).status).toBe(200);
	return name;
}

/** Signs in through the form with "This is a shared phone" ticked (a plain form: no script needed). */
async function signInShared(page: Page, name: string) {
	await page.goto('/signin');
	await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), name);
	await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), PASSWORD);
	await page.getByLabel(SHARED).check();
	await page.getByRole('button', { name: 'ဝင်မည်' }).click();
	await page.waitForURL('**/learn');
}

async function sessionCookie(context: BrowserContext) {
	const cookie = (await context.cookies()).find((c) => c.name === 'sid');
	expect(cookie).toBeDefined();
	return cookie!;
}

describe('a shared phone', () => {
	it('keeps the session only while the browser is open, downloads nothing, and asks for the password after idle time', async () => {
		const name = await account('shared');
		const noScriptName = await account('sharednojs');
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		// A second phone without JavaScript, locked at the same time: its lock page signs out.
		const plain = await phone(browser, { javaScriptEnabled: false });
		const plainPage = await plain.newPage();

		await signInShared(page, name);
		await signInShared(plainPage, noScriptName);
		// A cookie without Expires or Max-Age: the browser forgets it when it closes.
		expect((await sessionCookie(context)).expires).toBe(-1);
		expect((await sessionCookie(plain)).expires).toBe(-1);

		// Course pages and "On this phone" explain instead of offering downloads.
		await page.goto(`/learn/courses/${COURSE}`);
		await shown(page.getByText(NO_DOWNLOADS));
		await page.waitForLoadState('networkidle');
		expect(await page.getByRole('button', { name: /ဒေါင်းလုဒ်/ }).count()).toBe(0);
		await page.goto('/learn/downloads');
		await shown(page.getByText(NO_DOWNLOADS));
		await page.waitForLoadState('networkidle');
		expect(
			await page
				.getByRole('button')
				.filter({ hasText: /ဖယ်ရန်|ဒေါင်းလုဒ်/ })
				.count()
		).toBe(0);
		// No service worker, neither from the sign-in page nor from any page of the session.
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
		).toBe(0);
		expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);

		// Wait on a lesson: it stays open, so nothing moves while the session locks.
		await page.goto(LESSON);
		await waitForIdleLock();

		// A personal page: the lock page, which names the account by its pseudonym.
		await page.goto('/learn/profile');
		await page.waitForURL(
			(url) => url.pathname === '/unlock' && url.searchParams.get('next') === '/learn/profile'
		);
		await shown(page.getByRole('heading', { level: 1, name: LOCK_HEADING }));
		await shown(page.getByText(name, { exact: true }));
		expect(await axeViolations(page)).toEqual([]);

		// Course reading stays open, and does not unlock the rest.
		await page.goto(LESSON);
		await shown(page.getByRole('heading', { level: 1, name: firstLesson.title.my }));
		expect(new URL(page.url()).pathname).toBe(LESSON);
		await page.goto('/learn/profile');
		await page.waitForURL('**/unlock?next=*');

		// A wrong password: a translated error. The right one: back to the page.
		await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), 'not my password at all');
		await page.getByRole('button', { name: 'ဆက်သွားမည်' }).click();
		await expect(page.getByRole('alert').innerText()).resolves.toBe('စကားဝှက် မမှန်ပါ။');
		expect(await page.getByLabel('စကားဝှက်', { exact: true }).inputValue()).toBe('');
		await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), PASSWORD);
		await page.getByRole('button', { name: 'ဆက်သွားမည်' }).click();
		await page.waitForURL((url) => url.pathname === '/learn/profile');
		await shown(page.getByRole('heading', { level: 1, name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' }));
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
		).toBe(0);

		// Left open and untouched, the personal page goes to the lock page by itself.
		await page.waitForURL(
			(url) => url.pathname === '/unlock' && url.searchParams.get('next') === '/learn/profile',
			{ timeout: inject('sharedIdleMs') + 15_000 }
		);
		await shown(page.getByRole('heading', { level: 1, name: LOCK_HEADING }));

		// Without JavaScript: the lock page is a plain page, and its button signs out.
		await plainPage.goto('/account');
		await plainPage.waitForURL('**/unlock?next=%2Faccount');
		await plainPage.getByRole('main').getByRole('button', { name: 'ထွက်ရန်' }).click();
		await plainPage.waitForURL((url) => url.pathname === '/');
		expect((await plain.cookies()).find((c) => c.name === 'sid')).toBeUndefined();
		await plainPage.goto('/account');
		await plainPage.waitForURL('**/signin?next=*');

		expect(errors).toEqual([]);
		await plain.close();
		await context.close();
	}, 120_000); // two phones and a wait for the lock

	it('leaves progress, certificate codes and the username out of course pages while locked', async () => {
		const name = await account('sharedcert');
		const client = new Client('en');
		expect((await client.signIn(name, PASSWORD, { shared: true })).status).toBe(303);
		await completeCourse(client);
		const db = new Database(inject('databasePath'), { readonly: true });
		const { code } = db
			.prepare(
				'select code from certificate join user on user.id = certificate.user_id where username = ?'
			)
			.get(name) as { code: string };
		db.close();
		// The name a learner may type for their certificate: /verify shows it to anyone with the code.
		expect(
			(await client.post('/learn/certificates?/name', { code, name: 'Ko Aung Real Name' })).status
		).toBe(200);
		const quiz = course.modules[0].quiz;
		const pages = [
			'/learn/courses',
			`/learn/courses/${COURSE}`,
			LESSON,
			`/learn/courses/${COURSE}/quizzes/${quiz}`
		].flatMap((path) => [path, `${path}/__data.json`]);
		const read = async (path: string) => {
			const response = await client.request(path);
			expect(response.status, path).toBe(200);
			return response.text();
		};

		// Unlocked, the learner's own course page shows the certificate and progress.
		const open = await read(`/learn/courses/${COURSE}/__data.json`);
		expect(open).toContain(code);
		expect(open).toContain('lessonsDone');

		await waitForIdleLock();
		for (const path of pages) {
			const text = await read(path);
			expect(text, path).not.toContain(code);
			expect(text, path).not.toContain(name);
			expect(text, path).not.toMatch(/lessonsDone|completedAt|\bbest"?:\s*\d|\battempts"?:\s*\d/);
		}
		// A lesson reads as not yet done, the course page says why nothing of the learner shows.
		expect(await read(`/learn/courses/${COURSE}`)).toContain(
			'Your progress and certificate show again after you enter your password.'
		);
		// The lock page names the account, as it must to be unlocked.
		expect(await read('/unlock')).toContain(name);
	}, 60_000); // a wait for the lock

	it('registers the service worker after an ordinary sign-in, not on the sign-in page', async () => {
		const name = await account('ownphone');
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/signin');
		await page.waitForLoadState('networkidle');
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
		).toBe(0);
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), name);
		await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), PASSWORD);
		await page.getByRole('button', { name: 'ဝင်မည်' }).click();
		await page.waitForURL('**/learn');
		expect((await sessionCookie(context)).expires).toBeGreaterThan(
			Date.now() / 1000 + 29 * 24 * 3600
		);
		await page.waitForFunction(
			async () => (await navigator.serviceWorker.getRegistrations()).length === 1,
			undefined,
			{ timeout: 20_000 }
		);
		await context.close();
	});

	it('sends a cookie without Expires or Max-Age, at sign-in and on every later answer', async () => {
		const name = await account('sharedraw');
		const client = new Client('en');
		const signedIn = await client.signIn(name, PASSWORD, { shared: true });
		expect(signedIn.status).toBe(303);
		const cookies = [signedIn, await client.request('/learn')].map((r) =>
			r.headers.getSetCookie().find((c) => c.startsWith('sid='))
		);
		for (const cookie of cookies) {
			expect(cookie).toMatch(/HttpOnly/i);
			expect(cookie).not.toMatch(/Expires|Max-Age/i);
		}
		// Without the box ticked, the cookie keeps its 30 days.
		const ordinary = await new Client('en').signIn(name, PASSWORD);
		expect(ordinary.headers.getSetCookie().find((c) => c.startsWith('sid='))).toMatch(/Expires=/i);
	});
});
