/**
 * The first minutes, on a 360 × 740 touch phone, as a curious and careful newcomer acts: a course
 * read before any account, signing up with recovery codes written down and one typed back, a
 * quiz's score seen first, and a finished course that says so.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rightAnswers } from '../helpers/courses';
import {
	answerQuiz,
	baseUrl,
	consoleErrors,
	launch,
	phone,
	shown,
	signUpInBrowser,
	typeInto,
	uniqueName
} from './support';
import { onScreen, openMenu, typeBackCode } from './screen';

const FIRST_AID = 'first-aid-basics';
const course = JSON.parse(fs.readFileSync(`content/courses/${FIRST_AID}/course.json`, 'utf8'));
const lessons: { id: string; title: { my: string } }[] = course.modules.flatMap(
	(module: { lessons: { id: string; title: { my: string } }[] }) => module.lessons
);
const lessonTitle = (courseId: string, lessonId: string) => {
	const found = JSON.parse(fs.readFileSync(`content/courses/${courseId}/course.json`, 'utf8'));
	for (const module of found.modules)
		for (const lesson of module.lessons)
			if (lesson.id === lessonId) return lesson.title.my as string;
	throw new Error(`no lesson ${lessonId} in ${courseId}`);
};

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

/** Rows that would show a visitor's reading was saved. */
function progressRows(): number {
	const db = new Database(inject('databasePath'), { readonly: true });
	const count = (table: string) =>
		(db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
	const total =
		count('user') +
		count('enrolment') +
		count('lesson_progress') +
		count('quiz_attempt') +
		count('session');
	db.close();
	return total;
}

/** A person's recovery codes still unused, by username. */
function unusedCodes(username: string): number {
	const db = new Database(inject('databasePath'), { readonly: true });
	const row = db
		.prepare(
			'select count(*) as n from recovery_code join user on user.id = recovery_code.user_id where user.username = ? and used_at is null'
		)
		.get(username) as { n: number };
	db.close();
	return row.n;
}

/** A person's unused recovery codes as stored (their salted hashes), and when they last made new ones (audit). */
function storedCodes(username: string): { hashes: string[]; replaced: number } {
	const db = new Database(inject('databasePath'), { readonly: true });
	try {
		const user = db.prepare('select id from user where username = ?').get(username) as {
			id: string;
		};
		const hashes = (
			db
				.prepare(
					'select code_hash from recovery_code where user_id = ? and used_at is null order by code_hash'
				)
				.all(user.id) as { code_hash: string }[]
		).map((row) => row.code_hash);
		const replaced = (
			db
				.prepare(
					"select count(*) as n from audit_event where actor_id = ? and action = 'recovery_codes_replaced'"
				)
				.get(user.id) as { n: number }
		).n;
		return { hashes, replaced };
	} finally {
		db.close();
	}
}

/** How many lines each code of the list takes, and whether any is cut off. */
async function codeLines(list: Locator): Promise<{ lines: number; overflow: boolean }[]> {
	return list.getByRole('listitem').evaluateAll((items) =>
		items.map((item) => {
			const range = document.createRange();
			range.selectNodeContents(item);
			const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
			return { lines: tops.size, overflow: item.scrollWidth > item.clientWidth };
		})
	);
}

/** The codes page, as the person first sees it: heading and warning on screen, the username, whole codes. */
async function expectCodesMoment(page: Page, username: string): Promise<string[]> {
	const list = page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' });
	await shown(list);
	expect(await onScreen(page.getByRole('heading', { name: 'ပြန်လည်ရယူရေးကုဒ်များကို သိမ်းထားပါ' }))).toBe(
		true
	);
	expect(await onScreen(page.getByText(/^ကုဒ်တစ်ခုနှင့် သင့်အသုံးပြုသူအမည် ရှိသူ/))).toBe(true);
	await shown(page.getByText('သင့် အသုံးပြုသူအမည်။ ကုဒ်များနှင့်အတူ ရေးမှတ်ထားပါ၊ နှစ်ခုလုံး လိုသည် -'));
	expect(await page.getByText(username, { exact: true }).innerText()).toBe(username);
	const codes = await list.getByRole('listitem').allInnerTexts();
	expect(codes).toHaveLength(10);
	expect(await codeLines(list)).toEqual(codes.map(() => ({ lines: 1, overflow: false })));
	return codes;
}

/** A code as a person copies it from paper: capitals, spaces for dashes. */
const asWritten = (code: string) => code.toUpperCase().replaceAll('-', ' ');
/** A code that is none of the person's: one letter changed. */
const miscopied = (code: string) => (code[0] === 'a' ? 'b' : 'a') + code.slice(1);

describe('a visitor', () => {
	it('reaches a course’s first lesson in two taps from the landing page and reads it, with nothing saved', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		const before = progressRows();
		await page.goto('/');

		// Tap 1: the catalogue, with a course and its first lesson on the first screen.
		await page.getByRole('link', { name: 'အကောင့်မဖွင့်ဘဲ သင်တန်းကို အရင် ဖတ်ကြည့်ရန်' }).tap();
		await page.waitForURL('**/learn/courses');
		const firstCourse = page.getByRole('main').getByRole('listitem').first();
		expect(await onScreen(firstCourse.getByRole('heading', { level: 2 }))).toBe(true);
		const read = firstCourse.getByRole('link', { name: 'ပထမ သင်ခန်းစာကို ဖတ်ရန်' });
		expect(await onScreen(read)).toBe(true);

		// Tap 2: the lesson itself.
		const [, , , courseId, , lessonId] = (await read.getAttribute('href'))!.split('/');
		await read.tap();
		await shown(page.getByRole('heading', { level: 1, name: lessonTitle(courseId, lessonId) }));
		await shown(page.getByText('အကောင့်မရှိဘဲ ဖတ်နေသည် - ဘာမျှ မသိမ်းပါ။'));
		await shown(page.getByRole('heading', { name: 'သင့် တိုးတက်မှုကို သိမ်းထားရန် အကောင့်ဖွင့်ပါ' }));
		expect(await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).count()).toBe(0);
		// A reading preference still works: it is the phone's, not the account's.
		await page.getByRole('button', { name: /စာလုံး ကြီးရန်/ }).tap();
		await page.waitForFunction(() =>
			document.querySelector('article.lesson')?.classList.contains('text-l')
		);

		expect((await context.cookies()).map((c) => c.name)).not.toContain('sid');
		expect(progressRows()).toBe(before);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('sees a course’s outline with only the first lesson open, and is asked to sign up for the rest, even by address', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const before = progressRows();
		await page.goto(`/learn/courses/${FIRST_AID}`);
		await shown(page.getByRole('heading', { level: 1, name: course.title.my }));
		// The course's own first-lesson button, and the outline's one link.
		await shown(page.getByRole('link', { name: 'ပထမ သင်ခန်းစာကို ဖတ်ရန်' }));
		await shown(page.getByText('အကောင့်မရှိဘဲ ဖတ်နေသည် - ဘာမျှ မသိမ်းပါ။'));
		expect(
			await page.getByRole('link', { name: 'သင့် တိုးတက်မှုကို သိမ်းထားရန် အကောင့်ဖွင့်ပါ' }).getAttribute('href')
		).toBe(`/signup?next=${encodeURIComponent(`/learn/courses/${FIRST_AID}`)}`);
		const outline = page.locator('ol.outline');
		expect(
			await outline
				.getByRole('link')
				.evaluateAll((links) => links.map((a) => a.getAttribute('href')))
		).toEqual([`/learn/courses/${FIRST_AID}/lessons/${lessons[0].id}`]);
		await shown(outline.getByText(lessons[1].title.my));
		expect(await page.getByRole('button', { name: 'ဤသင်တန်းကို စတင်ရန်' }).count()).toBe(0);
		expect(await page.getByRole('button', { name: /^ဒေါင်းလုဒ်/ }).count()).toBe(0);

		// Any other lesson: sign up, then straight back to it.
		await page.goto(`/learn/courses/${FIRST_AID}/lessons/${lessons[1].id}`);
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
			`/signup?next=${encodeURIComponent(`/learn/courses/${FIRST_AID}/lessons/${lessons[1].id}`)}`
		);
		await shown(page.getByRole('heading', { level: 1, name: 'အကောင့်ဖွင့်ရန်' }));
		// Quizzes, certificates and the learner's own pages need an account.
		for (const path of [
			`/learn/courses/${FIRST_AID}/quizzes/${course.modules[0].quiz}`,
			'/learn',
			'/learn/certificates',
			'/learn/downloads'
		]) {
			await page.goto(path);
			expect(new URL(page.url()).pathname).toBe('/signin');
		}

		// Saving anything as a visitor, even sent by hand: refused, to sign up, nothing written.
		for (const path of [
			`/learn/courses/${FIRST_AID}/lessons/${lessons[0].id}?/done`,
			`/learn/courses/${FIRST_AID}?/enrol`
		]) {
			const response = await context.request.post(path, {
				form: { x: '' },
				headers: { origin: baseUrl(), accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(303);
			expect(response.headers().location).toBe(
				`/signup?next=${encodeURIComponent(path.split('?')[0])}`
			);
		}
		const sync = await context.request.post('/api/sync', {
			data: { events: [] },
			headers: { origin: baseUrl() },
			maxRedirects: 0
		});
		expect(sync.status()).toBe(401);
		expect(progressRows()).toBe(before);
		await context.close();
	});

	it('reads without JavaScript too', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/');
		await page.getByRole('link', { name: 'အကောင့်မဖွင့်ဘဲ သင်တန်းကို အရင် ဖတ်ကြည့်ရန်' }).tap();
		await page.waitForURL('**/learn/courses');
		const read = page.getByRole('link', { name: 'ပထမ သင်ခန်းစာကို ဖတ်ရန်' }).first();
		const [, , , courseId, , lessonId] = (await read.getAttribute('href'))!.split('/');
		await read.tap();
		await shown(page.getByRole('heading', { level: 1, name: lessonTitle(courseId, lessonId) }));
		await shown(page.getByRole('heading', { name: 'သင့် တိုးတက်မှုကို သိမ်းထားရန် အကောင့်ဖွင့်ပါ' }));
		await context.close();
	});
});

describe('signing up and the recovery codes', () => {
	it('from a lesson: codes shown from the top with the username, one typed back from paper, then the next lesson', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		const username = uniqueName('mgmg');
		const next = `/learn/courses/${FIRST_AID}/lessons/${lessons[1].id}`;
		await page.goto(`/learn/courses/${FIRST_AID}/lessons/${lessons[0].id}`);
		await page.getByRole('main').getByRole('link', { name: 'အကောင့်ဖွင့်ရန်', exact: true }).tap();
		await page.waitForURL(`**/signup?next=${encodeURIComponent(next)}`);
		await page.waitForLoadState('networkidle');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), username);
		await typeInto(page.getByLabel(/^စကားဝှက်$/), 'river mango lamp');
		await page.getByRole('button', { name: 'အကောင့်ဖွင့်ရန်' }).tap();
		const codes = await expectCodesMoment(page, username);

		// The header knows the person is signed in.
		await openMenu(page);
		const header = page.getByRole('banner');
		await shown(header.getByText(`${username} အဖြစ် ဝင်ထားသည်`));
		await shown(header.getByRole('button', { name: 'ထွက်ရန်' }));
		expect(await header.getByRole('link', { name: /^(အကောင့်ဝင်ရန်|အကောင့်ဖွင့်ရန်)$/ }).count()).toBe(0);
		await header.locator('summary').tap();

		// A code copied wrong: said beside the field; the codes stay on the page. Sign-up's answer
		// comes with no script (csr = false), so the check is a plain post, answered with the
		// same codes and the reason.
		const field = page.getByLabel('စာရွက်ပေါ်တွင် ရေးထားသော ကုဒ်တစ်ခုကို ရိုက်ထည့်ပါ');
		await typeBackCode(page, miscopied(codes[2]));
		await shown(page.getByText(/^ဤကုဒ်သည် သင့်ကုဒ်များထဲတွင် မပါပါ။/));
		expect(new URL(page.url()).pathname).toBe('/account/codes');
		expect(
			await page
				.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' })
				.getByRole('listitem')
				.allInnerTexts()
		).toEqual(codes);
		// The person clears the wrong code (as the phone's delete key would) and types it as written.
		await field.fill('');
		await typeBackCode(page, asWritten(codes[2]));
		await page.waitForURL(`**${next}`);
		await shown(page.getByRole('heading', { level: 1, name: lessons[1].title.my }));
		await shown(page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }));
		// Checked, not used: every code still opens the account.
		expect(unusedCodes(username)).toBe(10);
		// The one refusal is the miscopied code's answer (a 400 page, as without JavaScript).
		expect(errors).toEqual([
			'Failed to load resource: the server responded with a status of 400 (Bad Request)'
		]);
		await context.close();
	});

	it('works without JavaScript: a code copied wrong brings the codes back with the reason', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		const username = uniqueName('nojscodes');
		await page.goto('/signup');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), username);
		await typeInto(page.getByLabel(/^စကားဝှက်$/), 'paper and pencil');
		await page.getByRole('button', { name: 'အကောင့်ဖွင့်ရန်' }).tap();
		const codes = await expectCodesMoment(page, username);
		expect(await page.evaluate(() => scrollY)).toBe(0);
		await openMenu(page);
		await shown(page.getByRole('banner').getByText(`${username} အဖြစ် ဝင်ထားသည်`));
		// Without JavaScript the menu stays open until its button is tapped again.
		await page.getByRole('banner').locator('summary').tap();

		await typeBackCode(page, miscopied(codes[9]));
		await page.waitForURL('**/account/codes?/check');
		await shown(page.getByRole('alert').getByText(/^ဤကုဒ်သည် သင့်ကုဒ်များထဲတွင် မပါပါ။/));
		expect(await expectCodesMoment(page, username)).toEqual(codes);
		await typeBackCode(page, codes[9]);
		await page.waitForURL('**/learn');
		expect(unusedCodes(username)).toBe(10);
		await context.close();
	});

	it('new codes on the account page ask for the password, open at their heading and go on once one is typed back', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const username = uniqueName('newcodes');
		const password = 'codes lost at the river';
		const first = await signUpInBrowser(page, username, password);
		const before = storedCodes(username);
		await page.goto('/account');
		expect(await page.getByText(/^ပြန်လည်ရယူရေးကုဒ်အသစ်များကို /).count()).toBe(0);
		// A wrong password: refused under the same form, nothing made or recorded.
		await typeInto(page.locator('#codes-password'), 'codes lost at the lake');
		await page.getByRole('button', { name: 'ကုဒ်အသစ် ၁၀ ခု ပြုလုပ်ရန်' }).tap();
		await page.waitForURL('**/account/codes?/new');
		await shown(page.getByRole('alert').filter({ hasText: 'လက်ရှိ စကားဝှက် မမှန်ပါ။' }));
		expect(await page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }).count()).toBe(0);
		expect(storedCodes(username)).toEqual(before);
		// The right one, typed again on that page: a page of their own, opened at its top.
		await typeInto(page.getByLabel('သင့်စကားဝှက် (အတည်ပြုရန်)'), password);
		await page.getByRole('button', { name: 'ကုဒ်အသစ် ၁၀ ခု ပြုလုပ်ရန်' }).tap();
		await page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }).waitFor();
		const heading = page.getByRole('heading', { level: 1, name: 'ပြန်လည်ရယူရေးကုဒ်များကို သိမ်းထားပါ' });
		await shown(heading);
		expect(await onScreen(heading)).toBe(true);
		expect(await page.evaluate(() => scrollY)).toBeLessThan(20);
		const codes = await page
			.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' })
			.getByRole('listitem')
			.allInnerTexts();
		expect(codes).toHaveLength(10);
		expect(codes).not.toContain(first[0]);
		// An old code is no longer one of the person's.
		await typeBackCode(page, first[0]);
		await shown(page.getByText(/^ဤကုဒ်သည် သင့်ကုဒ်များထဲတွင် မပါပါ။/));
		await page.getByLabel('စာရွက်ပေါ်တွင် ရေးထားသော ကုဒ်တစ်ခုကို ရိုက်ထည့်ပါ').fill('');
		await typeBackCode(page, codes[5]);
		// The account page again, loaded afresh: the codes are gone from the screen.
		await page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }).waitFor({ state: 'detached' });
		expect(new URL(page.url()).pathname).toBe('/account');
		await shown(page.getByRole('heading', { level: 1, name: 'ကျွန်ုပ်၏ အကောင့်' }));
		expect(unusedCodes(username)).toBe(10);
		const after = storedCodes(username);
		expect(after.replaced).toBe(1);
		expect(after.hashes.filter((hash) => before.hashes.includes(hash))).toEqual([]);
		// The account page says new codes were made, and when (today, in Burmese digits).
		await shown(page.getByText(/^ပြန်လည်ရယူရေးကုဒ်အသစ်များကို ၂၀[၀-၉]{2} \S+ [၀-၉]{1,2} တွင် ပြုလုပ်ခဲ့သည်။/));
		await context.close();
	});
});

describe('results first', () => {
	const quiz = course.modules[0].quiz as string;

	it('after a quiz the score and pass or fail are on screen and focused, not the last question', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('quizzer'), 'scores come first');
		await page.goto(`/learn/courses/${FIRST_AID}/quizzes/${quiz}`);
		// Nothing answered: the button is at the bottom of a long page.
		await page.getByRole('button', { name: 'အဖြေများကို စစ်ရန်' }).tap();
		const result = page.getByRole('status').filter({ hasText: 'မအောင်သေးပါ' });
		await shown(result);
		expect(await onScreen(result)).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('မအောင်သေးပါ');
		// Again, right this time: the new score is brought into view again.
		await answerQuiz(page, FIRST_AID, quiz);
		const passed = page.getByRole('status').filter({ hasText: 'အောင်ပါပြီ။ တော်ပါတယ်။' });
		expect(await onScreen(passed)).toBe(true);
		await context.close();
	});

	it('without JavaScript the answer page shows the score on its first screen', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('nojsquiz'), 'scores come first');
		await page.goto(`/learn/courses/${FIRST_AID}/quizzes/${quiz}`);
		await page.getByRole('button', { name: 'အဖြေများကို စစ်ရန်' }).tap();
		const result = page.getByRole('status').filter({ hasText: 'မအောင်သေးပါ' });
		await shown(result);
		expect(await onScreen(result)).toBe(true);
		await context.close();
	});

	it('a course finished by its last lesson says so first and leads to its certificate', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('finisher'), 'the last lesson last');
		// Every quiz passed and every lesson but the last done, as a phone reports offline work.
		let at = Date.now() - 60_000;
		const events = [
			...course.modules.map((module: { quiz: string }) => ({
				id: uniqueName('quiz-event'),
				type: 'quiz_attempt',
				courseId: FIRST_AID,
				quizId: module.quiz,
				answers: rightAnswers(
					JSON.parse(
						fs.readFileSync(`content/courses/${FIRST_AID}/quizzes/${module.quiz}.json`, 'utf8')
					)
				),
				at: (at += 1000)
			})),
			...lessons.slice(0, -1).map((lesson) => ({
				id: uniqueName('lesson-event'),
				type: 'lesson_done',
				courseId: FIRST_AID,
				lessonId: lesson.id,
				at: (at += 1000)
			}))
		];
		const synced = await page.request.post('/api/sync', {
			data: { events },
			headers: { origin: baseUrl() }
		});
		expect((await synced.json()).results.map((r: { status: string }) => r.status)).toEqual(
			events.map(() => 'applied')
		);

		const last = lessons.at(-1)!;
		await page.goto(`/learn/courses/${FIRST_AID}/lessons/${last.id}`);
		await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).tap();
		await page.waitForURL(`**/learn/courses/${FIRST_AID}?finished`);
		const said = page.getByRole('status').filter({ hasText: 'သင် ဤသင်တန်းကို ပြီးဆုံးခဲ့ပြီ။' });
		await shown(said);
		expect(await onScreen(said)).toBe(true);
		await said.getByRole('link', { name: 'ကျွန်ုပ်၏ လက်မှတ်ကို ကြည့်ရန်' }).tap();
		await shown(page.getByRole('heading', { name: 'သင်တန်းပြီးဆုံးကြောင်း လက်မှတ်' }));
		await shown(page.getByText(course.title.my).first());
		await context.close();
	});
});
