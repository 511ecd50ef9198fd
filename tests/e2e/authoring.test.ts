/**
 * Authors at work: an administrator writes a course in both languages with a photo, publishes
 * it, and a learner finds it by a Burmese word. Organizations can only edit their own courses.
 */
import Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import {
	Client,
	consoleErrors,
	launch,
	phone,
	shown,
	signInAsNewAdmin,
	signUpInBrowser,
	typeInto,
	typePair,
	uniqueName
} from './support';
import { openMenu } from './screen';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

/** A word that appears in no starter course: the search can only find it in the new course. */
const WORD = 'ဇာထိုး';

/** Scrolls a lazy image into view and returns its width once it has loaded (0 if it fails). */
async function loadedWidth(image: Locator): Promise<number> {
	await image.waitFor({ state: 'attached' });
	await image.scrollIntoViewIfNeeded();
	return image.evaluate(
		(img: HTMLImageElement) =>
			new Promise<number>((resolve) => {
				if (img.complete) return resolve(img.naturalWidth);
				img.addEventListener('load', () => resolve(img.naturalWidth));
				img.addEventListener('error', () => resolve(0));
			})
	);
}

describe('an author', () => {
	it('writes a course with an image, previews it, publishes it, and a learner finds it by a Burmese word', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await signInAsNewAdmin(page, 'author');

		await openMenu(page);
		await page.getByRole('link', { name: 'Write courses' }).click();
		await page.waitForURL('**/author');
		expect(await axeViolations(page)).toEqual([]);
		await typePair(page, 'Course title', 'ဇာထိုးလက်မှု အခြေခံ', 'Lace stitching basics');
		await typePair(
			page,
			'Summary',
			'ဇာထိုးနည်း အခြေခံကို လေ့လာပါ။',
			'Learn the basic lace stitches to sell your work.'
		);
		await page.getByLabel('Kind of course').selectOption('vocational');
		await page.getByLabel('For').selectOption('families');
		await page.getByRole('button', { name: 'Create the course' }).click();
		await page.waitForURL(/\/author\/courses\/lace-stitching-basics-[a-z0-9]+$/);
		const courseId = new URL(page.url()).pathname.split('/').pop()!;
		await shown(page.getByText('Add at least one lesson.'));

		await typePair(page, 'Name of the part', 'အခြေခံ', 'Basics');
		await page.getByRole('button', { name: 'Add a part' }).click();
		await shown(page.getByRole('heading', { name: '1. Basics' }));

		await page.getByRole('link', { name: '+ Add a lesson' }).click();
		await page.waitForURL('**/new-lesson');
		expect(await axeViolations(page)).toEqual([]);
		await typePair(page, 'Lesson title', 'အပ်နှင့် ချည်', 'Needle and thread');
		await typePair(
			page,
			'Lesson text',
			`${WORD} စတင်ရန် အပ်ချည်ကို ပြင်ပါ။`,
			'Thread the needle before you start lace stitching.'
		);

		// The photo is re-encoded to WebP and added to both texts; what was typed stays.
		const photo = await sharp({
			create: { width: 1600, height: 1200, channels: 3, background: { r: 180, g: 40, b: 90 } }
		})
			.jpeg()
			.toBuffer();
		await page
			.getByLabel('Image file')
			.setInputFiles({ name: 'needle.jpg', mimeType: 'image/jpeg', buffer: photo });
		await typeInto(
			page.getByLabel('What the image shows (for people who cannot see it)'),
			'A threaded needle'
		);
		await page.getByRole('button', { name: 'Upload and add to the text' }).click();
		await shown(page.getByText(/The image is at the end of both texts/));
		const body = page
			.getByRole('group', { name: 'Lesson text', exact: true })
			.getByLabel('Burmese');
		expect(await body.inputValue()).toMatch(
			new RegExp(`^${WORD} စတင်ရန်[^]*\\n\\n!\\[A threaded needle\\]\\(images/[a-z0-9]+\\.webp\\)$`)
		);

		// Preview, without saving: both languages rendered as learners will see them, image included.
		await page.getByRole('button', { name: 'Preview' }).click();
		const preview = page.getByRole('article', { name: 'Burmese' });
		await shown(preview.getByText(`${WORD} စတင်ရန်`));
		expect(await loadedWidth(preview.getByRole('img', { name: 'A threaded needle' }))).toBe(800);
		await page.getByRole('button', { name: 'Add a lesson' }).click();
		await page.waitForURL(`**/author/courses/${courseId}`);
		await shown(page.getByRole('link', { name: 'Needle and thread' }));

		await page.getByRole('link', { name: '+ Add a quiz' }).click();
		await page.waitForURL('**/new-quiz');
		await typePair(page, 'Quiz title', 'စစ်ဆေးရန်', 'Check');
		await page.getByLabel('Kind of question').selectOption('true_false');
		await typePair(page, 'Question', 'အပ်ကို အရင် ချည်ရမည်။', 'Thread the needle first.');
		await page
			.getByRole('group', { name: /For “true or false”/ })
			.getByLabel('True')
			.check();
		await typePair(page, 'Explanation shown after answering', 'မှန်သည်။', 'Yes: thread first.');
		await page.getByRole('button', { name: 'Create the quiz' }).click();
		await page.waitForURL(/\/quizzes\/quiz-1$/);
		await shown(page.getByRole('heading', { name: 'Questions (1)' }));
		expect(await axeViolations(page)).toEqual([]);

		await page.getByRole('link', { name: '← Lace stitching basics' }).click();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Publish for learners' }).click();
		await shown(page.getByText('Learners can find and take this course.'));
		expect(errors).toEqual([]);
		await context.close();

		// Stored exactly as typed, key by key.
		const db = new Database(inject('databasePath'), { readonly: true });
		const course = db
			.prepare('select title_my, title_en, summary_my, summary_en from course where id = ?')
			.get(courseId);
		const lesson = db
			.prepare(
				"select title_my, title_en, body_my, body_en from lesson where course_id = ? and id = 'lesson-1'"
			)
			.get(courseId) as Record<string, string>;
		const question = db
			.prepare("select questions from quiz where course_id = ? and id = 'quiz-1'")
			.get(courseId) as { questions: string };
		db.close();
		expect(course).toEqual({
			title_my: 'ဇာထိုးလက်မှု အခြေခံ',
			title_en: 'Lace stitching basics',
			summary_my: 'ဇာထိုးနည်း အခြေခံကို လေ့လာပါ။',
			summary_en: 'Learn the basic lace stitches to sell your work.'
		});
		expect(lesson).toMatchObject({ title_my: 'အပ်နှင့် ချည်', title_en: 'Needle and thread' });
		expect(lesson.body_my).toMatch(
			new RegExp(
				`^${WORD} စတင်ရန် အပ်ချည်ကို ပြင်ပါ။\\n\\n!\\[A threaded needle\\]\\(images/[a-z0-9]+\\.webp\\)$`
			)
		);
		expect(lesson.body_en).toMatch(
			/^Thread the needle before you start lace stitching\.\n\n!\[A threaded needle\]\(images\/[a-z0-9]+\.webp\)$/
		);
		expect(JSON.parse(question.questions)[0]).toMatchObject({
			prompt: { my: 'အပ်ကို အရင် ချည်ရမည်။', en: 'Thread the needle first.' },
			explanation: { my: 'မှန်သည်။', en: 'Yes: thread first.' }
		});

		const learnerContext = await phone(browser);
		const learner = await learnerContext.newPage();
		await signUpInBrowser(learner, uniqueName('stitcher'), 'lace for the market');
		await learner.goto(`/learn/courses?q=${encodeURIComponent(WORD)}`);
		const results = learner.getByRole('link', { name: 'ဇာထိုးလက်မှု အခြေခံ' });
		await shown(results);
		await shown(learner.getByText('တွေ့ရှိသော သင်တန်း - ၁'));
		await results.click();
		await learner.getByRole('link', { name: 'အပ်နှင့် ချည်' }).click();
		expect(await loadedWidth(learner.getByRole('img', { name: 'A threaded needle' }))).toBe(800);
		await learnerContext.close();
	});
});

describe('a number question', () => {
	it('takes its right numbers typed in Burmese digits, and a learner who answers within them in either digit system is right', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await signInAsNewAdmin(page, 'numbers');
		// The course around the question is not what this test is about: made with plain posts.
		const post = (path: string, form: Record<string, string>) =>
			page.request.post(path, {
				form,
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
		const created = await post('/author?/create', {
			category: 'vocational',
			audience: 'everyone',
			title_my: 'အသက်ကယ်',
			title_en: 'Counting for CPR',
			summary_my: 'ရေတွက်နည်း',
			summary_en: 'How fast to push'
		});
		const course = created.headers().location;
		expect(course).toMatch(/^\/author\/courses\//);
		expect(
			(await post(`${course}?/addModule`, { title_my: 'အပိုင်း', title_en: 'Part' })).status()
		).toBe(200);
		expect(
			(
				await post(`${course}/modules/part-1/new-lesson?/save`, {
					title_my: 'နှုန်း',
					title_en: 'Rate',
					minutes: '5',
					body_my: 'တစ်မိနစ်ကို ၁၀၀ ကနေ ၁၂၀ ကြိမ် ဖိပါ။',
					body_en: 'Push 100 to 120 times a minute.'
				})
			).status()
		).toBe(303);
		expect(
			(
				await post(`${course}/modules/part-1/new-quiz`, {
					title_my: 'စစ်',
					title_en: 'Check',
					pass_mark: '100',
					type: 'true_false',
					prompt_my: 'ပြင်းပြင်း ဖိရမည်။',
					prompt_en: 'Push hard.',
					explanation_my: 'မှန်သည်။',
					explanation_en: 'Yes.',
					answer: 'true'
				})
			).status()
		).toBe(303);

		await page.goto(`${course}/quizzes/quiz-1`);
		const add = page.locator('section', {
			has: page.getByRole('heading', { name: 'Add a question' })
		});
		await add.getByLabel('Kind of question').selectOption('short');
		await typePair(add, 'Question', 'တစ်မိနစ်ကို ဘယ်နှကြိမ် ဖိရမလဲ။', 'How many times a minute do you push?');
		const range = add.getByRole('group', { name: 'Right numbers' });
		await typeInto(range.getByLabel('From'), '၁၀၀');
		await typeInto(range.getByLabel('To'), '၁၂၀');
		await typePair(add, 'Explanation shown after answering', '၁၀၀ ကနေ ၁၂၀။', '100 to 120.');
		await add.getByRole('button', { name: 'Add a question' }).click();
		await shown(page.getByRole('heading', { name: 'Questions (2)' }));
		const db = new Database(inject('databasePath'), { readonly: true });
		const stored = JSON.parse(
			(
				db
					.prepare('select questions from quiz where course_id = ?')
					.get(course.split('/').pop()) as { questions: string }
			).questions
		);
		db.close();
		expect(stored[1]).toMatchObject({
			type: 'short',
			accepted: { my: [], en: [] },
			range: { min: 100, max: 120 }
		});
		// Shown again as typed once read: ASCII digits, which the author's form takes as well.
		await page.getByText(/^2\. How many times a minute/).click();
		expect(
			await page
				.getByRole('group', { name: 'Right numbers' })
				.first()
				.getByLabel('From')
				.inputValue()
		).toBe('100');
		expect((await post(`${course}?/publish`, { published: 'true' })).status()).toBe(200);
		await context.close();

		for (const answer of ['၁၁၀ ကြိမ်', '100-120 times']) {
			const learnerContext = await phone(browser);
			const learner = await learnerContext.newPage();
			await signUpInBrowser(learner, uniqueName('pusher'), 'push hard and fast');
			await learner.goto(course.replace('/author/', '/learn/') + '/quizzes/quiz-1');
			await learner.getByRole('group', { name: /^၁။ / }).getByLabel('မှန်', { exact: true }).check();
			const field = learner.getByRole('group', { name: /^၂။ / }).getByRole('textbox');
			await typeInto(field, answer);
			expect(await field.inputValue()).toBe(answer);
			await learner.getByRole('button', { name: 'အဖြေများကို စစ်ရန်' }).click();
			await shown(learner.getByText('အောင်ပါပြီ။ တော်ပါတယ်။'));
			await learnerContext.close();
		}
	});
});

describe('organizations', () => {
	let db: Database.Database;
	beforeAll(() => {
		db = new Database(inject('databasePath'));
	});
	afterAll(() => db.close());

	async function vettedMember(prefix: string): Promise<Client> {
		const client = new Client('en');
		expect((await client.signUp(uniqueName(prefix), 'org_member')).status).toBe(200);
		const name = uniqueName(`${prefix} org`);
		expect((await client.post('/org?/apply', { name, kind: 'ngo', description: '' })).status).toBe(
			200
		);
		// Vetting by an administrator arrives with the matching work; here its outcome is set directly.
		db.prepare("update organization set status = 'vetted' where name = ?").run(name);
		return client;
	}

	const details = {
		category: 'computer',
		audience: 'everyone',
		title_my: 'ကွန်ပျူတာ',
		title_en: 'Typing',
		summary_my: 'လက်နှိပ်',
		summary_en: 'Typing fast'
	};

	it("cannot open or change another organization's course, and learners cannot author at all", async () => {
		const a = await vettedMember('orga');
		const created = await a.post('/author?/create', details);
		expect(created.status).toBe(303);
		const courseId = created.headers.get('location')!.split('/').pop()!;
		const path = `/author/courses/${courseId}`;
		expect((await a.request(path)).status).toBe(200);

		const b = await vettedMember('orgb');
		expect((await b.request(path)).status).toBe(404);
		const before = db
			.prepare('select title_en, version, status from course where id = ?')
			.get(courseId);
		for (const [action, form] of [
			['details', { ...details, title_en: 'Defaced' }],
			['publish', { published: 'true' }],
			['addModule', { title_my: 'x', title_en: 'x' }]
		] as const) {
			const response = await b.post(`${path}?/${action}`, form);
			expect(response.status).toBe(404);
			expect(await response.text()).toContain('This course does not exist or is not published.');
		}
		expect((await b.request(`${path}/modules/part-1/new-lesson`)).status).toBe(404);
		expect(
			db.prepare('select title_en, version, status from course where id = ?').get(courseId)
		).toEqual(before);
		expect(
			db.prepare('select count(*) n from course_module where course_id = ?').get(courseId)
		).toEqual({ n: 0 });
		// The lesson preview asks for authorship like every other action: the author previews, another organization gets 404.
		const lesson = {
			title_my: 'သင်ခန်းစာ',
			title_en: 'Lesson',
			minutes: '5',
			body_my: 'စာ **ထူ**',
			body_en: ''
		};
		expect(
			(await a.post(`${path}?/addModule`, { title_my: 'အပိုင်း', title_en: 'Part' })).status
		).toBe(200);
		expect((await a.post(`${path}/modules/part-1/new-lesson?/save`, lesson)).status).toBe(303);
		for (const preview of [
			`${path}/modules/part-1/new-lesson?/preview`,
			`${path}/lessons/lesson-1?/preview`
		]) {
			const own = await a.post(preview, lesson);
			expect(own.status).toBe(200);
			expect(await own.text()).toContain('<strong>ထူ</strong>');
			const other = await b.post(preview, lesson);
			expect(other.status).toBe(404);
			expect(await other.text()).not.toContain('<strong>ထူ</strong>');
		}

		const learner = new Client('en');
		await learner.signUp(uniqueName('notauthor'));
		expect((await learner.post('/author?/create', details)).status).toBe(403);
		expect((await learner.request(path)).status).toBe(403);
	});

	it('members of an organization not yet vetted are told why they cannot write courses', async () => {
		const client = new Client('my');
		await client.signUp(uniqueName('waiting'), 'org_member');
		const html = await (await client.request('/author')).text();
		expect(html).toContain('သင့်အဖွဲ့အစည်းကို မစိစစ်ရသေးပါ');
		const refused = await client.post('/author?/create', details);
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('စိစစ်ပြီးသော အဖွဲ့အစည်းများ၏ အဖွဲ့ဝင်များသာ');
	});

	it('keeps a long lesson typed before an error, and refuses a file that is not an image in the author’s language', async () => {
		const a = await vettedMember('keeper');
		const created = await a.post('/author?/create', details);
		const path = created.headers.get('location')!;
		expect(
			(await a.post(`${path}?/addModule`, { title_my: 'အပိုင်း', title_en: 'Part' })).status
		).toBe(200);
		const long = 'စာ '.repeat(3000);
		const noTitle = await a.post(`${path}/modules/part-1/new-lesson?/save`, {
			title_my: '',
			title_en: '',
			minutes: '5',
			body_my: long,
			body_en: ''
		});
		expect(noTitle.status).toBe(400);
		const page = await noTitle.text();
		expect(page).toContain('Write this in Burmese, English or both.');
		expect(page).toContain(long.trim());

		const form = new FormData();
		for (const [k, v] of Object.entries({
			title_my: 'ပုံ',
			title_en: 'Picture',
			minutes: '5',
			body_my: 'စာ',
			body_en: '',
			image_alt: 'x'
		}))
			form.set(k, v);
		form.set('image', new Blob(['<svg onload="alert(1)"/>'], { type: 'image/png' }), 'fake.png');
		const upload = await a.request(`${path}/modules/part-1/new-lesson?/upload`, {
			method: 'POST',
			body: form
		});
		expect(upload.status).toBe(400);
		expect(await upload.text()).toContain('This is not a JPEG, PNG, WebP or GIF image.');
		expect(
			db
				.prepare('select count(*) n from course_image where course_id = ?')
				.get(path.split('/').pop())
		).toEqual({ n: 0 });
	});
});
