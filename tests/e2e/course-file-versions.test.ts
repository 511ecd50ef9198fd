/**
 * A course file meeting the copy already on a phone: a newer version replaces it, an older one
 * is refused and nothing changes, and a file opened while the app updates the course by itself
 * leaves the newest version whole. A phone that offers sharing hands the file itself to the
 * share sheet (Telegram, Bluetooth), under a neutral name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	adminClient,
	baseUrl,
	controlled,
	hydrated,
	launch,
	openVettedRole,
	phone,
	shown,
	signUpInBrowser,
	uniqueName,
	type Client
} from './support';
import { formatBytes } from '$lib/format';

const my = JSON.parse(fs.readFileSync('messages/my.json', 'utf8')) as Record<string, string>;

let browser: Browser;
let dir: string;
beforeAll(async () => {
	browser = await launch();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-course-versions-'));
});
afterAll(async () => {
	await browser?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function ok(request: Promise<Response>, status: number, what: string) {
	const response = await request;
	if (response.status !== status) throw new Error(`${what} answered ${response.status}`);
	return response;
}

/** A one-lesson course written by `org` and approved by an administrator; its id. */
async function publishedCourse(org: Client, title: string, lesson: string): Promise<string> {
	const created = await ok(
		org.post('/author?/create', {
			category: 'vocational',
			audience: 'everyone',
			title_my: title,
			title_en: '',
			summary_my: 'ချုပ်ရိုး',
			summary_en: ''
		}),
		303,
		'creating the course'
	);
	const coursePath = created.headers.get('location')!;
	await ok(
		org.post(`${coursePath}?/addModule`, { title_my: 'အခြေခံ', title_en: '' }),
		200,
		'a part'
	);
	await ok(
		org.post(`${coursePath}/modules/part-1/new-lesson?/save`, {
			title_my: 'အပ်',
			title_en: '',
			minutes: '5',
			body_my: lesson,
			body_en: ''
		}),
		303,
		'the lesson'
	);
	await ok(org.post(`${coursePath}?/publish`, { published: 'true' }), 200, 'publishing');
	const courseId = coursePath.split('/').pop()!;
	const admin = await adminClient('en');
	const review = await (await admin.request(`/admin/courses/${courseId}`)).text();
	const seen = /name="seen" value="([^"]*)"/.exec(review)?.[1] ?? '';
	await ok(
		admin.post(`/admin/courses/${courseId}?/publication`, { decision: 'approve', note: '', seen }),
		200,
		'approving'
	);
	return courseId;
}

/** The course's file as the server makes it now, saved to disk; its path and version. */
async function fileOf(courseId: string, name: string) {
	const response = await fetch(new URL(`/api/courses/${courseId}/offline/file`, baseUrl()));
	expect(response.status).toBe(200);
	const text = await response.text();
	const saved = path.join(dir, name);
	fs.writeFileSync(saved, text);
	return { saved, version: JSON.parse(text).version as number };
}

/** A published course and its file at two versions, the second with the lesson changed. */
async function twoVersions() {
	const { org } = await openVettedRole(uniqueName('ချုပ်လုပ်ငန်း'));
	const title = uniqueName('အပ်ချုပ် ');
	const courseId = await publishedCourse(org, title, 'အပ်ကို အရင် ချည်ပါ။');
	const first = await fileOf(courseId, `${courseId}-first.json`);
	// The author changes the lesson: the published course gets a new version.
	await ok(
		org.post(`/author/courses/${courseId}/lessons/lesson-1?/save`, {
			title_my: 'အပ်',
			title_en: '',
			minutes: '5',
			body_my: 'ချည်ကို အရင် အပ်ထဲ ထိုးပါ။',
			body_en: ''
		}),
		200,
		'changing the lesson'
	);
	const second = await fileOf(courseId, `${courseId}-second.json`);
	expect(second.version).toBeGreaterThan(first.version);
	return { courseId, title, first, second };
}

/** The version of the course the phone holds whole (its stored manifest), or null. */
function versionKept(page: Page, courseId: string): Promise<number | null> {
	return page.evaluate(async (courseId) => {
		const kept = await caches.match(`/api/courses/${courseId}/offline`);
		return kept ? ((await kept.json()) as { version: number }).version : null;
	}, courseId);
}

/** Files the phone's list of the course names that the phone does not hold: none for a whole course. */
function missingFiles(page: Page, courseId: string): Promise<string[]> {
	return page.evaluate(async (courseId) => {
		const kept = await caches.match(`/api/courses/${courseId}/offline`);
		if (!kept) return ['(no list)'];
		const { files } = (await kept.json()) as { files: { url: string }[] };
		const missing: string[] = [];
		for (const { url } of files) if (!(await caches.match(url))) missing.push(url);
		return missing;
	}, courseId);
}

/** The lesson's text as the phone keeps it (Cache Storage, where the offline reader reads it). */
async function keptLesson(page: Page, courseId: string): Promise<string> {
	return page.evaluate(async (courseId) => {
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys())
				if (new URL(request.url).pathname === `/api/courses/${courseId}/offline/lessons/lesson-1`)
					return (await (await caches.open(name)).match(request))!.text();
		return '';
	}, courseId);
}

describe('a course file and the copy on the phone', () => {
	it(
		'a newer file replaces the copy and an older one is refused, nothing changed; the file goes to the share sheet under a neutral name',
		{ timeout: 240_000 },
		async () => {
			const { courseId, title, first, second } = await twoVersions();
			// A learner's phone that can share files (the share sheet records what it is given),
			// set to ask before updating downloads: only the files change the course here.
			const context = await phone(browser);
			await context.addCookies([{ name: 'updates', value: 'ask', url: baseUrl() }]);
			await context.addInitScript(() => {
				const shared: { name: string; size: number; text: string }[] = [];
				Object.assign(window, { shared });
				Object.assign(navigator, {
					canShare: (data: { files?: File[] }) => Boolean(data.files?.length),
					share: async (data: { files: File[] }) => {
						for (const file of data.files)
							shared.push({ name: file.name, size: file.size, text: await file.text() });
					}
				});
			});
			const page = await context.newPage();
			await signUpInBrowser(page, uniqueName('versions'), 'a file from a friend');
			await controlled(page, '/learn/downloads');
			await hydrated(page);
			const input = page.getByLabel(my.course_file_open);
			const opened = page.getByText(my.course_file_opened.replace('{title}', title));

			await input.setInputFiles(first.saved);
			await shown(opened);
			expect(await keptLesson(page, courseId)).toContain('အပ်ကို အရင် ချည်ပါ။');

			// The newer file replaces it.
			await page.reload();
			await hydrated(page);
			await input.setInputFiles(second.saved);
			await shown(opened);
			expect(await keptLesson(page, courseId)).toContain('ချည်ကို အရင် အပ်ထဲ ထိုးပါ။');
			expect(await versionKept(page, courseId)).toBe(second.version);

			// The older one is refused, and the newer copy stays.
			await page.reload();
			await hydrated(page);
			await input.setInputFiles(first.saved);
			await shown(page.getByRole('alert').filter({ hasText: my.course_file_older }));
			const kept = await keptLesson(page, courseId);
			expect(kept).toContain('ချည်ကို အရင် အပ်ထဲ ထိုးပါ။');
			expect(kept).not.toContain('အပ်ကို အရင် ချည်ပါ။');
			expect(await versionKept(page, courseId)).toBe(second.version);

			// Passed on: the file itself goes to the share sheet, under a neutral name.
			await page.reload();
			await hydrated(page);
			await page
				.getByRole('button', { name: my.course_file_make_named.replace('{title}', title) })
				.click();
			const ready = page.getByText(/^ဖိုင် အဆင်သင့် - /);
			await shown(ready);
			await page.getByRole('button', { name: my.course_file_share }).click();
			const sharedCount = () =>
				page.evaluate(() => (window as unknown as { shared: unknown[] }).shared.length);
			await expect.poll(sharedCount, { timeout: 10_000 }).toBe(1);
			const shared = await page.evaluate(
				() =>
					(window as unknown as { shared: { name: string; size: number; text: string }[] })
						.shared[0]
			);
			expect(shared.name).toMatch(/^file-[0-9a-f]{6}\.json$/);
			expect(await ready.innerText()).toContain(formatBytes(shared.size, 'my'));
			expect(JSON.parse(shared.text)).toMatchObject({
				format: 'course-file/1',
				course: courseId,
				version: second.version
			});
			await context.close();
		}
	);

	it(
		'an older file opened while the app updates the course by itself waits for the update and is refused; the new version is whole, ready to pass on',
		{ timeout: 240_000 },
		async () => {
			const { courseId, title, first, second } = await twoVersions();
			const context = await phone(browser);
			const page = await context.newPage();
			await signUpInBrowser(page, uniqueName('updating'), 'a file and an update');
			await controlled(page, '/learn/downloads');
			await hydrated(page);
			const input = page.getByLabel(my.course_file_open);
			await input.setInputFiles(first.saved);
			await shown(page.getByText(my.course_file_opened.replace('{title}', title)));

			// The next page load finds the newer version on the server and fetches it (automatic
			// updates, the default), slowly: its changed lesson takes seconds to come. Meanwhile the
			// learner opens the older file again.
			let slowed = 0;
			await context.route(/\/offline\/lessons\/lesson-1\?h=/, async (route) => {
				slowed += 1;
				await new Promise((resolve) => setTimeout(resolve, 3000));
				await route.continue();
			});
			await page.reload();
			await hydrated(page);
			await expect.poll(() => slowed, { timeout: 10_000 }).toBe(1);
			await input.setInputFiles(first.saved);
			// The file waits for the update to finish, and is then older than the phone's copy.
			await shown(page.getByRole('alert').filter({ hasText: my.course_file_older }));
			expect(await versionKept(page, courseId)).toBe(second.version);
			expect(await keptLesson(page, courseId)).toContain('ချည်ကို အရင် အပ်ထဲ ထိုးပါ။');
			expect(await missingFiles(page, courseId)).toEqual([]);
			await page.reload();
			await hydrated(page);
			await page
				.getByRole('button', { name: my.course_file_make_named.replace('{title}', title) })
				.click();
			await shown(page.getByText(/^ဖိုင် အဆင်သင့် - /));
			await context.close();
		}
	);
});
