/**
 * The main forms as a phone on 2G or without JavaScript sends them. Each journey runs twice:
 * - "no script": JavaScript off; the server's HTML is all there is, and the form posts itself;
 * - "late script": the app's scripts are held back while the person types, then arrive, the page
 *   hydrates, and the person sends.
 * Each checks that what was typed is exactly what is stored, and that saved text the person did
 * not touch (a role's English description, a lesson's English text) survives the save. Once, a
 * textarea rendered empty on the server (Svelte's `defaultValue`): a save sent before the script
 * arrived erased the role's description. Had it been `value`, hydration would have overwritten
 * what the person typed.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	Client,
	holdScripts,
	launch,
	phone,
	shown,
	signedIn,
	storedRow,
	typeInto,
	uniqueName
} from './support';
import { buildWorld, type World } from './world';

type Mode = 'no script' | 'late script';

let browser: Browser;
let world: World;
beforeAll(async () => {
	browser = await launch();
	world = await buildWorld();
}, 180_000);
afterAll(() => browser?.close());

/**
 * Opens `path` as `mode` has it. `arrive()` is the moment the scripts come in (nothing without
 * JavaScript): after it, the page has hydrated.
 */
async function open(
	mode: Mode,
	path: string,
	client?: Client
): Promise<{ page: Page; arrive: () => Promise<void> }> {
	const options = { javaScriptEnabled: mode === 'late script', serviceWorkers: 'block' as const };
	const context = client ? await signedIn(browser, client, options) : await phone(browser, options);
	if (!client) await context.addCookies([{ name: 'lang', value: 'en', url: inject('baseUrl') }]);
	const page = await context.newPage();
	const release = mode === 'late script' ? await holdScripts(page) : null;
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	return { page, arrive: async () => void (await release?.()) };
}

/** Types at the end of what a field holds, as a person who taps after the last word. */
async function typeAtEnd(field: Locator, text: string) {
	await field.tap();
	await field.press(
		(await field.evaluate((el) => el.tagName)) === 'TEXTAREA' ? 'Control+End' : 'End'
	);
	await field.pressSequentially(text);
}

const pair = (page: Page, legend: string, language: 'Burmese' | 'English') =>
	page.getByRole('group', { name: legend, exact: true }).getByLabel(language, { exact: true });

for (const mode of ['no script', 'late script'] as const) {
	describe(`${mode}:`, () => {
		it('signs up with exactly the name and password typed', async () => {
			const { page, arrive } = await open(mode, '/signup');
			const username = uniqueName('slow');
			const password = 'slow river mango';
			await typeInto(page.getByLabel('Username'), username);
			await typeInto(page.getByLabel('Password', { exact: true }), password);
			await arrive();
			expect(await page.getByLabel('Username').inputValue()).toBe(username);
			expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(password);
			await page.getByRole('button', { name: 'Create account' }).click();
			await shown(page.getByRole('list', { name: 'Recovery codes' }));
			expect(
				storedRow<{ username: string }>(
					'select username from user where username like ?',
					`%${username}%`
				)
			).toEqual({ username });
			expect((await new Client('en').signIn(username, password)).status).toBe(303);
			await page.context().close();
		});

		it('after a refusal, comes back with the name typed and never the password', async () => {
			const { page, arrive } = await open(mode, '/signup');
			// A name somebody already has: refused, and the person corrects it without retyping.
			await typeInto(page.getByLabel('Username'), world.learnerName);
			await typeInto(page.getByLabel('Password', { exact: true }), 'slow river mango');
			await arrive();
			await page.getByRole('button', { name: 'Create account' }).click();
			await shown(page.getByText('This username is taken. Please choose another.'));
			expect(await page.getByLabel('Username').inputValue()).toBe(world.learnerName);
			expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
			expect(await page.content()).not.toContain('slow river mango');
			await page.context().close();
		});

		it('signs in with the name and password typed', async () => {
			const { page, arrive } = await open(mode, '/signin');
			await typeInto(page.getByLabel('Username'), world.learnerName);
			await typeInto(page.getByLabel('Password'), world.learnerPassword);
			await arrive();
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL('**/learn');
			await page.context().close();
		});

		it('sets a new password with a recovery code typed, and the name typed before the script came stays', async () => {
			const username = uniqueName('forgot');
			const html = await (await new Client('en').signUp(username)).text();
			const code = html.match(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/)?.[1];
			expect(code).toBeDefined();
			const { page, arrive } = await open(mode, '/recover');
			await typeInto(page.getByLabel('Username'), username);
			await typeInto(page.getByLabel('Recovery code'), code!);
			await typeInto(page.getByLabel('New password'), 'a new lamp by the door');
			await arrive();
			expect(await page.getByLabel('Recovery code').inputValue()).toBe(code);
			await page.getByRole('button', { name: 'Set new password' }).click();
			await shown(page.getByRole('status'));
			expect((await new Client('en').signIn(username, 'a new lamp by the door')).status).toBe(303);
			await page.context().close();
		});

		it('changes the password with the current and the new one typed', async () => {
			const learner = new Client('en');
			const username = uniqueName('newpass');
			await learner.signUp(username);
			const { page, arrive } = await open(mode, '/account/password', learner);
			await typeInto(page.getByLabel('Current password'), 'green tea and rice');
			await typeInto(page.getByLabel('New password'), 'monsoon on the tin roof');
			await arrive();
			await page.getByRole('button', { name: 'Change password' }).click();
			await shown(page.getByRole('status'));
			expect((await new Client('en').signIn(username, 'monsoon on the tin roof')).status).toBe(303);
			await page.context().close();
		});

		it('deletes the account with the password typed', async () => {
			const learner = new Client('en');
			const username = uniqueName('leaving');
			await learner.signUp(username);
			const { page, arrive } = await open(mode, '/account', learner);
			await typeInto(page.locator('#delete-password'), 'green tea and rice');
			await arrive();
			expect(await page.locator('#delete-password').inputValue()).toBe('green tea and rice');
			await page.getByRole('button', { name: 'Delete my account for good' }).click();
			await page.waitForURL((url) => url.pathname === '/');
			expect(storedRow('select count(*) as n from user where username = ?', username)).toEqual({
				n: 0
			});
			await page.context().close();
		});

		it('edits a draft role: what was typed is stored, and the saved texts nobody touched survive', async () => {
			const before = storedRow<Record<string, string>>(
				'select description_my, description_en, safety_en, safety_my, pay from role where id = ?',
				world.draftRoleId
			);
			expect(before.description_en).toBe(world.role.descriptionEn);
			const { page, arrive } = await open(mode, `/org/roles/${world.draftRoleId}`, world.org);
			// The saved texts are in the page before any script runs.
			expect(await pair(page, 'What the role is', 'English').inputValue()).toBe(
				before.description_en
			);
			const note = mode === 'late script' ? ' ညနေ ၅ နာရီ မတိုင်မီ ပြန်ရမည်။' : ' ရေ ယူလာပါ။';
			await typeAtEnd(pair(page, 'Safety notes', 'Burmese'), note);
			await arrive();
			expect(await pair(page, 'Safety notes', 'Burmese').inputValue()).toBe(
				before.safety_my + note
			);
			expect(await pair(page, 'What the role is', 'English').inputValue()).toBe(
				before.description_en
			);
			expect(await page.getByLabel('Pay or stipend').inputValue()).toBe(before.pay);
			await page.getByRole('button', { name: 'Save', exact: true }).click();
			await shown(page.getByRole('status').getByText('Saved.'));
			expect(
				storedRow(
					'select description_my, description_en, safety_en, safety_my, pay from role where id = ?',
					world.draftRoleId
				)
			).toEqual({ ...before, safety_my: (before.safety_my + note).trim() });
			await page.context().close();
		});

		it("edits a course's summary and a lesson's text: the other language's saved text survives", async () => {
			const course = world.course;
			const summary = storedRow<{ summary_my: string; summary_en: string }>(
				'select summary_my, summary_en from course where id = ?',
				course.id
			);
			const { page, arrive } = await open(mode, `/author/courses/${course.id}`, world.org);
			const added = mode === 'late script' ? ' အနားချုပ်လည်း ပါသည်။' : ' ကြယ်သီး တပ်ခြင်း။';
			await typeAtEnd(pair(page, 'Summary', 'Burmese'), added);
			await arrive();
			expect(await pair(page, 'Summary', 'English').inputValue()).toBe(summary.summary_en);
			await page
				.getByRole('region', { name: 'Title, summary and kind' })
				.getByRole('button', { name: 'Save' })
				.click();
			await shown(page.getByRole('status'));
			expect(
				storedRow('select summary_my, summary_en from course where id = ?', course.id)
			).toEqual({ summary_my: summary.summary_my + added, summary_en: course.summaryEn });

			const body = storedRow<{ body_my: string; body_en: string }>(
				'select body_my, body_en from lesson where course_id = ? and id = ?',
				course.id,
				course.lesson
			);
			const lesson = await open(
				mode,
				`/author/courses/${course.id}/lessons/${course.lesson}`,
				world.org
			);
			const line = mode === 'late script' ? '\n\nချည်ကို ထုံးပါ။' : '\n\nအပ်ကို ကိုင်ပါ။';
			await typeAtEnd(pair(lesson.page, 'Lesson text', 'Burmese'), line);
			await lesson.arrive();
			expect(await pair(lesson.page, 'Lesson text', 'English').inputValue()).toBe(body.body_en);
			await lesson.page.getByRole('button', { name: 'Save the lesson' }).click();
			await shown(lesson.page.getByRole('status'));
			expect(
				storedRow(
					'select body_my, body_en from lesson where course_id = ? and id = ?',
					course.id,
					course.lesson
				)
			).toEqual({ body_my: body.body_my + line, body_en: course.bodyEn });
			await page.context().close();
			await lesson.page.context().close();
		});

		it("adds a picture to a new lesson with the description typed: it is in the lesson's text", async () => {
			const course = world.course;
			const { page, arrive } = await open(
				mode,
				`/author/courses/${course.id}/modules/${course.module}/new-lesson`,
				world.org
			);
			await typeInto(pair(page, 'Lesson title', 'Burmese'), 'ပုံနှင့် သင်ခန်းစာ');
			await typeInto(pair(page, 'Lesson text', 'Burmese'), 'ချည်ကို ကြည့်ပါ။');
			await page.getByLabel('Image file').setInputFiles({
				name: 'thread.png',
				mimeType: 'image/png',
				buffer: await sharp({
					create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 90, b: 160 } }
				})
					.png()
					.toBuffer()
			});
			// The scripts arrive while the description is typed, halfway.
			const description = page.getByLabel('What the image shows (for people who cannot see it)');
			await typeInto(description, 'A spool ');
			await arrive();
			await description.pressSequentially('of blue thread');
			expect(await description.inputValue()).toBe('A spool of blue thread');
			await page.getByRole('button', { name: 'Upload and add to the text' }).click();
			await shown(page.getByText(/The image is at the end of both texts/));
			expect(await pair(page, 'Lesson text', 'Burmese').inputValue()).toMatch(
				/^ချည်ကို ကြည့်ပါ။\n\n!\[A spool of blue thread\]\(images\/[a-z0-9]+\.webp\)$/
			);
			expect(await pair(page, 'Lesson title', 'Burmese').inputValue()).toBe('ပုံနှင့် သင်ခန်းစာ');
			await page.context().close();
		});

		it('applies with the message typed, then the organization decides with the note typed', async () => {
			const learner = new Client('en');
			await learner.signUp(uniqueName('applier'));
			const { page, arrive } = await open(
				mode,
				`/learn/opportunities/${world.openRoleId}`,
				learner
			);
			const message = 'I can start on Monday; update me -- ကျွန်တော် ဆေးတပ်မှာ ငါးနှစ် လုပ်ခဲ့ပါတယ်။';
			await typeInto(page.getByLabel('Message (optional)'), message);
			await arrive();
			expect(await page.getByLabel('Message (optional)').inputValue()).toBe(message);
			await page.getByRole('button', { name: 'Apply', exact: true }).click();
			await page.waitForURL('**/learn/applications/*');
			const applicationId = new URL(page.url()).pathname.split('/').pop()!;
			expect(storedRow('select message from application where id = ?', applicationId)).toEqual({
				message
			});
			await page.context().close();

			const org = await open(mode, `/org/applications/${applicationId}`, world.org);
			const note = 'See you at the clinic on Monday.';
			await typeInto(org.page.getByLabel('Message to the learner (optional)'), note);
			await org.page.getByRole('radio', { name: 'Accept' }).check();
			await org.arrive();
			expect(await org.page.getByLabel('Message to the learner (optional)').inputValue()).toBe(
				note
			);
			expect(await org.page.getByRole('radio', { name: 'Accept' }).isChecked()).toBe(true);
			await org.page.getByRole('button', { name: 'Record the decision' }).click();
			await shown(org.page.getByRole('status'));
			expect(
				storedRow(
					"select status, note from application_event where application_id = ? and by = 'organization'",
					applicationId
				)
			).toEqual({ status: 'accepted', note });

			const reply = 'Please bring your own gloves.';
			await typeInto(org.page.getByLabel('Write to the learner'), reply);
			await org.page.getByRole('button', { name: 'Send' }).click();
			await shown(org.page.getByText(reply));
			expect(
				storedRow('select body from application_message where application_id = ?', applicationId)
			).toEqual({ body: reply });
			await org.page.context().close();
		});
	});
}
