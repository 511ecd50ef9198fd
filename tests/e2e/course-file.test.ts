/**
 * A course passed from phone to phone as one file: one phone downloads it and makes the file;
 * another, which opened the app before and is now offline, refuses an altered copy, opens the
 * real one (without an account, or a learner's phone whose progress is then sent), and reads
 * every lesson and passes every quiz from the phone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answerQuiz,
	controlled,
	launch,
	phone,
	shown,
	signUpInBrowser,
	uniqueName
} from './support';
import { formatBytes, formatNumber } from '$lib/format';
import { startApp, type App } from '../helpers/app';

const COURSE = 'first-aid-basics';
// Its own server beside the suite's (E2E_PORT), stopped before phone B goes offline: the
// browser's offline switch does not reach what a service worker fetches, a stopped server does.
const OWN_PORT = Number(process.env.E2E_PORT ?? 3111) + 2;
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));
const lessons: { id: string; title: { my: string } }[] = course.modules.flatMap(
	(m: { lessons: unknown[] }) => m.lessons
);

let browser: Browser;
let dir: string;
beforeAll(async () => {
	browser = await launch();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-course-file-'));
});
afterAll(async () => {
	await browser?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const keptPaths = (page: Page) =>
	page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys())
				urls.push(new URL(request.url).pathname);
		return urls;
	});

/** The course's progress the server holds: lessons done, quizzes passed, events applied. */
function held(databasePath: string) {
	const sqlite = new Database(databasePath, { readonly: true });
	try {
		const count = (sql: string) => (sqlite.prepare(sql).get(COURSE) as { n: number }).n;
		return {
			lessons: count('select count(*) n from lesson_progress where course_id = ?'),
			attempts: count('select count(*) n from quiz_attempt where course_id = ? and passed = 1'),
			events: count('select count(*) n from sync_event where ? is not null')
		};
	} finally {
		sqlite.close();
	}
}

describe('a course passed as one file', () => {
	it(
		'is made on one phone from its download, and opens on another offline, without an account: every lesson read, every quiz passed; signing in later, the reader says it is theirs and it is kept once',
		{ timeout: 180_000 },
		async () => {
			const app = await startApp(OWN_PORT);
			let again: App | null = null;
			try {
				const page = await passOn(app, false);
				// Back online, the reader signs up on this phone and is asked about the progress made here.
				again = await startApp(OWN_PORT, app.databasePath);
				await page.context().setOffline(false);
				await signUpInBrowser(page, uniqueName('claimer'), 'progress from a file');
				await page.goto('/learn');
				const events = lessons.length + course.modules.length;
				await shown(
					page.getByText(
						`ဤဖုန်းတွင် အကောင့်မဝင်ဘဲ လုပ်ထားသော တိုးတက်မှု ရှိသည် (ပြီးသော သင်ခန်းစာ သို့မဟုတ် ဖြေထားသော စာမေးပွဲ ${formatNumber(events, 'my')} ခု)။ သင့်ဟာ ဖြစ်ပါသလား။`
					)
				);
				// Nothing was sent before the answer.
				expect(held(app.databasePath)).toEqual({ lessons: 0, attempts: 0, events: 0 });
				await page.getByRole('button', { name: 'ဟုတ်ကဲ့၊ ကျွန်ုပ်၏ အကောင့်တွင် ထည့်ရန်' }).click();
				await shown(page.getByText('သင့်အကောင့်တွင် ထည့်ပြီးပါပြီ။'));
				expect(held(app.databasePath)).toEqual({
					lessons: lessons.length,
					attempts: course.modules.length,
					events
				});
				// Not asked again.
				await page.reload();
				await page.waitForLoadState('networkidle');
				expect(await page.getByText('သင့်ဟာ ဖြစ်ပါသလား။', { exact: false }).count()).toBe(0);
				await page.context().close();
			} finally {
				await again?.stop();
				await app.stop();
			}
		}
	);

	it(
		'the progress made with no account is dropped, never sent, when the person who signs in says it is not theirs',
		{ timeout: 180_000 },
		async () => {
			const app = await startApp(OWN_PORT);
			let again: App | null = null;
			try {
				const page = await passOn(app, false);
				again = await startApp(OWN_PORT, app.databasePath);
				await page.context().setOffline(false);
				await signUpInBrowser(page, uniqueName('borrower'), 'a borrowed phone this week');
				await page.goto('/learn');
				await shown(page.getByText(/သင့်ဟာ ဖြစ်ပါသလား။/));
				await page.getByRole('button', { name: 'ကျွန်ုပ်၏ဟာ မဟုတ်ပါ - ဖျက်ရန်' }).click();
				await shown(page.getByText('ဤဖုန်းမှ ဖျက်ပြီးပါပြီ။'));
				// Gone from the phone: not asked again, and nothing reaches the server.
				await page.reload();
				await page.waitForLoadState('networkidle');
				expect(await page.getByText(/သင့်ဟာ ဖြစ်ပါသလား။/).count()).toBe(0);
				expect(held(app.databasePath)).toEqual({ lessons: 0, attempts: 0, events: 0 });
				await page.context().close();
			} finally {
				await again?.stop();
				await app.stop();
			}
		}
	);

	it(
		"opens offline on a learner's phone, and what the learner did offline reaches the server once the network is back",
		{ timeout: 150_000 },
		async () => {
			const app = await startApp(OWN_PORT);
			let again: App | null = null;
			try {
				const page = await passOn(app, true);
				again = await startApp(OWN_PORT, app.databasePath);
				await page.context().setOffline(false);
				await shown(page.getByText('ဤဖုန်းမှ ပြောင်းလဲမှုအားလုံး သိမ်းပြီးပါပြီ။'));
				expect(held(app.databasePath)).toEqual({
					lessons: lessons.length,
					attempts: course.modules.length,
					events: lessons.length + course.modules.length
				});
				await page.context().close();
			} finally {
				await again?.stop();
				await app.stop();
			}
		}
	);
});

/**
 * Phone A downloads the course and makes the file; phone B (with an account when `account`)
 * opens the app, goes offline with the server stopped, refuses an altered copy, opens the file
 * and reads every lesson and passes every quiz. Returns B's page, still offline.
 */
async function passOn(app: App, account: boolean): Promise<Page> {
	// Phone A: downloads the course, then makes it into a file and saves it.
	const a = await phone(browser, { baseURL: app.baseUrl });
	const pageA = await a.newPage();
	await signUpInBrowser(pageA, uniqueName('sharer'), 'one pays the data for all');
	await controlled(pageA, `/learn/courses/${COURSE}`);
	await pageA.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
	await shown(pageA.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
	await pageA.goto('/learn/downloads');
	await pageA.getByRole('button', { name: `${course.title.my} ကို မျှဝေရန် ဖိုင်လုပ်ရန်` }).click();
	const ready = pageA.getByText(/^ဖိုင် အဆင်သင့် - /);
	await shown(ready);
	const [download] = await Promise.all([
		pageA.waitForEvent('download'),
		pageA.getByRole('link', { name: 'ဖိုင်ကို သိမ်းရန်' }).click()
	]);
	// A neutral name: nothing of the app or the course.
	expect(download.suggestedFilename()).toMatch(/^file-[0-9a-f]{6}\.json$/);
	const saved = path.join(dir, download.suggestedFilename());
	await download.saveAs(saved);
	const bytes = fs.statSync(saved).size;
	// The size shown before saving is the file's.
	expect(await ready.innerText()).toContain(formatBytes(bytes, 'my'));
	const file = JSON.parse(fs.readFileSync(saved, 'utf8'));
	expect(file).toMatchObject({ format: 'course-file/1', course: COURSE });
	await a.close();

	// An altered copy: one lesson's text changed on the way.
	const altered = structuredClone(file);
	const lesson = altered.files.find((f: { url: string }) => f.url.includes('/lessons/'));
	lesson.data = Buffer.from(
		Buffer.from(lesson.data, 'base64').toString('utf8').replace('</p>', ' false.</p>')
	).toString('base64');
	const alteredPath = path.join(dir, 'altered.json');
	fs.writeFileSync(alteredPath, JSON.stringify(altered));

	// Phone B: opened the app once, and again later (so the app shell is kept), no account.
	const b = await phone(browser, { baseURL: app.baseUrl });
	const first = await b.newPage();
	if (account) await signUpInBrowser(first, uniqueName('receiver'), 'no data left this month');
	await controlled(first);
	await first.close();
	const page = await b.newPage();
	await page.goto('/learn/courses');
	await expect
		.poll(async () => (await keptPaths(page)).includes('/offline/reader'), {
			timeout: 20_000
		})
		.toBe(true);
	expect((await keptPaths(page)).some((url) => url.includes(`/api/courses/${COURSE}/`))).toBe(
		false
	);
	// No network for phone B from here: not even its service worker reaches the server.
	await app.stop();
	await b.setOffline(true);
	await page.goto('/offline');
	await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
	const input = page.getByLabel('သင်တန်းဖိုင် ဖွင့်ရန်');

	await input.setInputFiles(alteredPath);
	await shown(page.getByRole('alert').filter({ hasText: 'ဤသင်တန်းဖိုင်ကို လမ်းတွင် ပြောင်းလဲထားသည်' }));
	expect((await keptPaths(page)).some((url) => url.includes(`/api/courses/${COURSE}/`))).toBe(
		false
	);

	await input.setInputFiles(saved);
	await expect
		.poll(async () => (await keptPaths(page)).filter((url) => url.includes('/lessons/')).length)
		.toBe(lessons.length);
	await page.getByRole('link', { name: `${course.title.my} သည် ယခု ဤဖုန်းပေါ်တွင် ရှိသည်။` }).click();
	await shown(page.getByRole('heading', { level: 1, name: course.title.my }));
	await page.getByRole('link', { name: lessons[0].title.my }).click();
	for (const module of course.modules as {
		lessons: { id: string; title: { my: string } }[];
		quiz: string;
	}[]) {
		for (const lesson of module.lessons) {
			await shown(page.getByRole('heading', { level: 1, name: lesson.title.my }));
			expect(await page.locator('article.lesson p').count()).toBeGreaterThan(0);
			await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).click();
			await shown(page.getByText('ပြီးပါပြီ။ ဤဖုန်းပေါ်တွင် သိမ်းထားပြီး အင်တာနက် ရလျှင် ပို့မည်။'));
			await page
				.getByRole('navigation')
				.getByRole('link', { name: /နောက် သင်ခန်းစာ|စာမေးပွဲ ဖြေရန်/ })
				.click();
		}
		await page.waitForURL(`**/quizzes/${module.quiz}`);
		await answerQuiz(page, COURSE, module.quiz);
		await page
			.getByRole('navigation')
			.getByRole('link', { name: /နောက် သင်ခန်းစာ|သင်တန်းသို့ ပြန်သွားရန်/ })
			.click();
	}
	return page;
}
