/**
 * Lessons you can hear: an author records a clip in the browser (Chromium's fake microphone
 * feeds a tone) into a Thai lesson and publishes; a learner plays it with the large Burmese
 * button, slower too; with data saver nothing of the clip is fetched before the tap; a learner
 * downloads the course with its sound, goes offline and plays the clip kept on the phone.
 */
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatBytes } from '$lib/format';
import { oggOpus } from '../helpers/clips';
import {
	closeWorkerContext,
	consoleErrors,
	controlled,
	launch,
	phone,
	shown,
	signInAsNewAdmin,
	signUpInBrowser,
	traced,
	typeInto,
	typePair,
	uniqueName
} from './support';
import { openMenu } from './screen';

let browser: Browser;
beforeAll(async () => {
	browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
});
afterAll(() => browser?.close());

/** Requests for sound clips a context made, its service worker's included (marked "worker"). */
function clipRequests(context: BrowserContext): string[] {
	const seen: string[] = [];
	context.on('request', (request) => {
		if (/\/media\/courses\/[^?]+\.ogg/.test(request.url()))
			seen.push(`${request.serviceWorker() ? 'worker' : 'page'} ${request.url()}`);
	});
	return seen;
}

/** How many of the course's clips the phone keeps (the download's cache). */
const clipsKept = (page: Page, courseId: string) =>
	page.evaluate(
		async (id) =>
			(await (await caches.open(`files-${id}`)).keys()).filter((r) => r.url.includes('.ogg'))
				.length,
		courseId
	);

/** Waits until the page's clip has played some of itself, and says how far and at what speed. */
async function played(page: Page) {
	const audio = page.locator('article.lesson audio').first();
	await page.waitForFunction(
		() => (document.querySelector('article.lesson audio') as HTMLAudioElement)?.currentTime > 0.3,
		undefined,
		{ timeout: 15_000 }
	);
	return audio.evaluate((a: HTMLAudioElement) => ({
		error: a.error?.code ?? null,
		rate: a.playbackRate,
		duration: Math.round(a.duration)
	}));
}

describe('a Thai lesson with a recorded clip', () => {
	let courseId = '';
	let clipName = '';

	it('is recorded in the browser, placed in the text, stored clean and published', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await signInAsNewAdmin(page, 'speaker');
		await openMenu(page);
		await page.getByRole('link', { name: 'Write courses' }).click();
		await page.waitForURL('**/author');
		await typePair(page, 'Course title', 'ထိုင်းစကား အသံဖြင့်', 'Thai you can hear');
		await typePair(page, 'Summary', 'နေ့စဉ်သုံး ထိုင်းစကား', 'Everyday Thai phrases');
		await page.getByLabel('Kind of course').selectOption('language');
		await page.getByRole('button', { name: 'Create the course' }).click();
		await page.waitForURL(/\/author\/courses\/thai-you-can-hear-[a-z0-9]+$/);
		courseId = new URL(page.url()).pathname.split('/').pop()!;
		await typePair(page, 'Name of the part', 'နှုတ်ဆက်ခြင်း', 'Greetings');
		await page.getByRole('button', { name: 'Add a part' }).click();
		await page.getByRole('link', { name: '+ Add a lesson' }).click();
		await page.waitForURL('**/new-lesson');
		await typePair(page, 'Lesson title', 'မင်္ဂလာပါ', 'Hello');
		await typePair(page, 'Lesson text', 'ဆဝါဒီ ခရပ် - မင်္ဂလာပါ။', 'Sawatdee krap: hello.');

		await page.getByRole('button', { name: 'Record' }).click();
		await shown(page.getByText(/^Recording… 2 seconds$/));
		await page.getByRole('button', { name: 'Stop recording' }).click();
		await shown(page.getByText(/^Recorded, \d+ seconds\./));
		await typeInto(page.getByLabel('What is said in it (shown beside the play button)'), 'สวัสดีครับ');
		await page.getByRole('button', { name: 'Upload the sound and add it to the text' }).click();
		await shown(page.getByText(/The clip is at the end of both texts/));
		const body = page
			.getByRole('group', { name: 'Lesson text', exact: true })
			.getByLabel('Burmese');
		const typed = await body.inputValue();
		const placed = typed.match(/^ဆဝါဒီ ခရပ် - မင်္ဂလာပါ။\n\n!\[สวัสดีครับ\]\(audio\/([a-z0-9]+\.ogg)\)$/);
		expect(placed, typed).not.toBeNull();
		clipName = placed![1];
		await page.getByRole('button', { name: 'Add a lesson' }).click();
		await page.waitForURL(`**/author/courses/${courseId}`);

		// A quiz whose second question is a clip: "which phrase did you hear?"
		await page.getByRole('link', { name: '+ Add a quiz' }).click();
		await page.waitForURL('**/new-quiz');
		await typePair(page, 'Quiz title', 'နားထောင်ပါ', 'Listen');
		await page.getByLabel('Kind of question').selectOption('true_false');
		await typePair(page, 'Question', 'ဆဝါဒီသည် နှုတ်ဆက်စကား ဖြစ်သည်။', 'Sawatdee is a greeting.');
		await page
			.getByRole('group', { name: /For “true or false”/ })
			.getByLabel('True')
			.check();
		await typePair(page, 'Explanation shown after answering', 'မှန်သည်။', 'Yes.');
		await page.getByRole('button', { name: 'Create the quiz' }).click();
		await page.waitForURL(/\/quizzes\/quiz-1$/);
		await page.getByRole('button', { name: 'Record' }).click();
		await shown(page.getByText(/^Recording… 2 seconds$/));
		await page.getByRole('button', { name: 'Stop recording' }).click();
		await shown(page.getByText(/^Recorded, \d+ seconds\./));
		await page.getByRole('button', { name: 'Upload the sound' }).click();
		await shown(page.getByText(/^Added as clip 2\./));
		const add = page.getByRole('region', { name: 'Add a question' });
		await add.getByLabel(/^Sound clip/).selectOption({ index: 2 });
		await add.getByLabel('Kind of question').selectOption('single');
		await typePair(add, 'Question', 'မည်သည့် စကားစုကို ကြားရသနည်း', 'Which phrase did you hear?');
		await typePair(add, 'Answer 1', 'ခေါ့ပ်ခွန်', 'Khop khun');
		await typePair(add, 'Answer 2', 'ဆဝါဒီ', 'Sawatdee');
		await add.getByLabel('Answer 2 is right').check();
		await typePair(add, 'Explanation shown after answering', 'ဆဝါဒီ ခရပ်', 'Sawatdee krap');
		await add.getByRole('button', { name: 'Add a question' }).click();
		await shown(page.getByRole('heading', { name: 'Questions (2)' }));
		await page.getByRole('link', { name: '← Thai you can hear' }).click();
		await page.getByRole('button', { name: 'Publish for learners' }).click();
		await shown(page.getByText('Learners can find and take this course.'));
		expect(errors).toEqual([]);
		await context.close();

		const db = new Database(inject('databasePath'), { readonly: true });
		const clip = db
			.prepare('select bytes, duration_ms from course_clip where course_id = ? and name = ?')
			.get(courseId, clipName) as { bytes: number; duration_ms: number };
		const quiz = db
			.prepare("select questions from quiz where course_id = ? and id = 'quiz-1'")
			.get(courseId) as { questions: string };
		const clips = db
			.prepare('select name from course_clip where course_id = ? order by created_at')
			.all(courseId) as { name: string }[];
		db.close();
		expect(clips.map((c) => c.name)[0]).toBe(clipName);
		expect(JSON.parse(quiz.questions)[1]).toMatchObject({
			type: 'single',
			clip: clips[1].name,
			prompt: { my: 'မည်သည့် စကားစုကို ကြားရသနည်း', en: 'Which phrase did you hear?' }
		});
		// A few seconds of speech-rate Opus: a couple of kilobytes a second.
		expect(clip.duration_ms).toBeGreaterThan(1500);
		expect(clip.bytes).toBeLessThan(clip.duration_ms * 4);
		console.info(
			`recorded clip: ${clip.bytes} B for ${clip.duration_ms} ms = ${Math.round((clip.bytes * 1000) / clip.duration_ms)} B/s`
		);
	});

	it('plays with a large Burmese button, slower on asking; the course page says it has sound', async () => {
		const context = await phone(browser);
		const clips = clipRequests(context);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('listener'), 'hearing the tones');
		await page.goto(`/learn/courses/${courseId}`);
		await shown(page.getByText('နားထောင်ရန် အသံဖိုင်များ ပါသည်။'));
		await page.getByRole('link', { name: 'မင်္ဂလာပါ' }).click();
		await shown(page.getByText('สวัสดีครับ'));
		// Never preloaded: the page is open and nothing of the clip has come.
		expect(clips).toEqual([]);
		await page.getByRole('button', { name: 'ဖြည်းဖြည်း' }).click();
		await page.getByRole('button', { name: '▶ နားထောင်ရန်' }).click();
		expect(await played(page)).toEqual({ error: null, rate: 0.7, duration: expect.any(Number) });
		await shown(page.getByRole('button', { name: '⏸ ခဏရပ်ရန်' }));
		expect(clips.length).toBeGreaterThan(0);
		await context.close();
	});

	it('with data saver, is a link saying its size, and nothing of it comes before the tap', async () => {
		const context = await phone(browser);
		const clips = clipRequests(context);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('saving'), 'every kilobyte costs');
		await page.goto('/account');
		await page.getByRole('button', { name: 'ဒေတာချွေတာခြင်း ဖွင့်ရန်' }).click();
		await shown(page.getByText('ဒေတာချွေတာခြင်း ဖွင့်ထားသည်။'));
		await page.goto(`/learn/courses/${courseId}/lessons/lesson-1`);
		const db = new Database(inject('databasePath'), { readonly: true });
		const { bytes } = db.prepare('select bytes from course_clip where name = ?').get(clipName) as {
			bytes: number;
		};
		db.close();
		const tap = page.getByRole('link', {
			name: `အသံဖွင့်ရန် နှိပ်ပါ (${formatBytes(bytes, 'my')})`
		});
		await shown(tap);
		expect(await page.locator('article.lesson audio').count()).toBe(0);
		// Time for anything that would load by itself.
		await page.waitForTimeout(1000);
		expect(clips).toEqual([]);
		await tap.click();
		expect((await played(page)).error).toBe(null);
		expect(clips.length).toBeGreaterThan(0);
		expect(page.url()).toMatch(/\/lessons\/lesson-1$/);
		await context.close();
	});

	it('downloads with its sound (both sizes shown first) and plays from the phone offline', async () => {
		const context = await phone(browser);
		const step = traced(context);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('faraway'), 'no signal at the border');
		step('worker');
		await controlled(page, `/learn/courses/${courseId}`);
		const manifest = (await (
			await page.request.get(`/api/courses/${courseId}/offline`)
		).json()) as {
			bytes: number;
			files: { url: string; bytes: number }[];
		};
		// The lesson's clip and the listening question's.
		const audio = manifest.files.filter((f) => f.url.includes('.ogg'));
		expect(audio).toHaveLength(2);
		const audioBytes = audio.reduce((sum, f) => sum + f.bytes, 0);
		const text = manifest.bytes - audioBytes;
		console.info(`course download: ${manifest.bytes} B with sound, ${text} B text only`);
		await shown(
			page.getByRole('button', {
				name: `စာသားသာ ဒေါင်းလုဒ် · ${formatBytes(text, 'my')}`
			})
		);
		step('download');
		await page
			.getByRole('button', {
				name: `အသံပါ ဒေါင်းလုဒ် · ${formatBytes(manifest.bytes, 'my')} (အသံ +${formatBytes(audioBytes, 'my')})`
			})
			.click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		expect(await clipsKept(page, courseId)).toBe(2);

		step('offline');
		const clips = clipRequests(context);
		await context.setOffline(true);
		await page.goto(`/learn/courses/${courseId}/lessons/lesson-1`);
		await shown(page.getByText('အင်တာနက် မရှိပါ - ဤဖုန်းထဲမှ ဖတ်နေသည်။'));
		await page.getByRole('button', { name: '▶ နားထောင်ရန်' }).click();
		expect((await played(page)).error).toBe(null);
		// The page asked, and the service worker answered from the phone without a fetch of its own.
		expect(clips.length).toBeGreaterThan(0);
		expect(clips.filter((r) => r.startsWith('worker'))).toEqual([]);

		// The listening question, played and answered on the phone, scored there.
		await page.goto(`/learn/courses/${courseId}/quizzes/quiz-1`);
		await page.getByRole('button', { name: '▶ နားထောင်ရန်' }).click();
		await page.waitForFunction(
			() => (document.querySelector('form .clip audio') as HTMLAudioElement)?.currentTime > 0.3
		);
		await page
			.getByRole('group', { name: /ဆဝါဒီသည် နှုတ်ဆက်စကား/ })
			.getByLabel('မှန်')
			.check();
		await page
			.getByRole('group', { name: /မည်သည့် စကားစုကို ကြားရသနည်း/ })
			.getByLabel('ဆဝါဒီ')
			.check();
		await page.getByRole('button', { name: 'အဖြေများကို စစ်ရန်' }).click();
		await shown(page.getByText(/အောင်ပါပြီ/));
		expect(clips.filter((r) => r.startsWith('worker'))).toEqual([]);
		step('close');
		await closeWorkerContext(context);
	});

	it('downloaded as text only, offline, says where the sound would be instead of a silent button', async () => {
		const context = await phone(browser);
		const step = traced(context);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('textonly'), 'data is dear');
		step('worker');
		await controlled(page, `/learn/courses/${courseId}`);
		step('download');
		await page.getByRole('button', { name: /^စာသားသာ ဒေါင်းလုဒ်/ }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		expect(await clipsKept(page, courseId)).toBe(0);

		step('offline');
		await context.setOffline(true);
		await page.goto(`/learn/courses/${courseId}/lessons/lesson-1`);
		await shown(page.getByText('အင်တာနက် မရှိပါ - ဤဖုန်းထဲမှ ဖတ်နေသည်။'));
		await shown(page.getByText('สวัสดีครับ'));
		await page.getByRole('button', { name: '▶ နားထောင်ရန်' }).click();
		await shown(page.getByRole('status').filter({ hasText: /^ဤအသံသည် ဤဖုန်းပေါ်တွင် မရှိပါ/ }));
		expect(await page.getByRole('button', { name: /နားထောင်ရန်|ဖြည်းဖြည်း/ }).count()).toBe(0);
		step('close');
		await closeWorkerContext(context);
	});

	it('is uploaded as a file with JavaScript off, placed in the text, and kept without its tags', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		await signInAsNewAdmin(page, 'nojsauthor');
		await page.goto(`/author/courses/${courseId}/lessons/lesson-1`);
		await page.getByLabel('Sound file').setInputFiles({
			name: 'phrase.ogg',
			mimeType: 'audio/ogg',
			buffer: Buffer.from(oggOpus(2, ['TITLE=Ko Aung at home', 'LOCATION=Mae Sot']))
		});
		await typeInto(
			page.getByLabel('What is said in it (shown beside the play button)'),
			'ขอบคุณครับ'
		);
		await page.getByRole('button', { name: 'Upload the sound and add it to the text' }).click();
		await shown(page.getByText(/The clip is at the end of both texts/));
		const typed = await page
			.getByRole('group', { name: 'Lesson text', exact: true })
			.getByLabel('English')
			.inputValue();
		const placed = typed.match(/\n\n!\[ขอบคุณครับ\]\(audio\/([a-z0-9]+\.ogg)\)$/);
		expect(placed, typed).not.toBeNull();
		const kept = await page.request.get(`/media/courses/${courseId}/${placed![1]}`);
		expect(kept.status()).toBe(200);
		const bytes = Buffer.from(await kept.body()).toString('latin1');
		expect(bytes.startsWith('OggS')).toBe(true);
		expect(bytes).not.toContain('Ko Aung');
		expect(bytes).not.toContain('Mae Sot');
		await context.close();
	});
});
