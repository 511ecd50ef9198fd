/**
 * Burmese that reads right: every main page, opened in Burmese on a phone by the person who uses
 * it, after its script has run, shows no ASCII digit and no English month. Numbers and dates are
 * Lanpya's own (src/lib/format.ts), so a browser without Burmese data cannot change them.
 *
 * Its own server and database, so the pages hold only what this walk wrote (in Burmese, as its
 * people would) and the starter courses. What may keep Latin digits, each for its reason:
 * - elements marked `translate="no"`: pseudonyms, certificate and invitation codes, usernames,
 *   and values the data page shows as stored (ids, answers, a browser's name), which are machine
 *   text that must be read or typed back exactly;
 * - the usernames and the certificate code this walk made, where a sentence names them
 *   ("ကြိုဆိုပါတယ်၊ reader1k2"): a person's chosen name and a code are theirs, not Lanpya's.
 *
 * `BURMESE_SHOTS=<folder>` also saves 360 px screenshots of the certificate, a role, a quiz's
 * result and "On this phone".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../helpers/app';
import { HttpClient } from '../helpers/http-client';
import { readsForeign } from '../helpers/burmese-text';
import {
	answerQuiz,
	createAdminWithCommand,
	launch,
	phone,
	shown,
	typeInto,
	uniqueName
} from './support';

// Its own server beside the suite's (E2E_PORT), so two runs on one machine never collide.
const OWN_PORT = Number(process.env.E2E_PORT ?? 3111) + 5;
const SHOTS = process.env.BURMESE_SHOTS;
const COURSE = 'first-aid-basics';
const PARTIAL = 'thai-for-mae-sot';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));
const partial = JSON.parse(fs.readFileSync(`content/courses/${PARTIAL}/course.json`, 'utf8'));
const lessonIds: string[] = course.modules.flatMap((m: { lessons: { id: string }[] }) =>
	m.lessons.map((l) => l.id)
);
const quizIds: string[] = course.modules.map((m: { quiz: string }) => m.quiz).filter(Boolean);

let app: App;
let browser: Browser;
let sqlite: Database.Database;
/** Texts a sentence may quote as they are: usernames and the certificate code made here. */
const theirs: string[] = [];
const ids = { org: '', role: '', submitted: '', application: '', code: '' };
const people = {} as Record<'learner' | 'member' | 'admin', HttpClient>;

/** A name in Burmese letters, different at every run, as a person of this walk would write it. */
function burmeseName(prefix: string): string {
	const letters = 'ကခဂဃငစဆဇဈညတထဒဓနပဖဗဘမယရလဝသဟအ';
	return `${prefix} ${[...uniqueName('')].map((c) => letters[parseInt(c, 36) % letters.length]).join('')}`;
}

async function expectStatus(
	response: Promise<Response>,
	status: number,
	what: string
): Promise<Response> {
	const answer = await response;
	if (answer.status !== status) throw new Error(`${what} answered ${answer.status}, not ${status}`);
	return answer;
}

async function person(kind: 'learner' | 'org_member'): Promise<HttpClient> {
	const client = new HttpClient(() => app.baseUrl, 'my');
	const username = uniqueName(kind === 'learner' ? 'reader' : 'clinic');
	await expectStatus(
		client.post('/signup', { username, password: 'every word in burmese', kind, background: '' }),
		200,
		`signing up ${username}`
	);
	theirs.push(username);
	return client;
}

async function administrator(): Promise<HttpClient> {
	const client = new HttpClient(() => app.baseUrl, 'my');
	const username = uniqueName('admin');
	const oneTime = await createAdminWithCommand(username, app.databasePath);
	await expectStatus(
		client.post('/signin', { username, password: oneTime }),
		303,
		'signing the administrator in'
	);
	await expectStatus(
		client.post('/account/password', { current: oneTime, next: 'administrators guard the gate' }),
		303,
		'replacing the one-time password'
	);
	theirs.push(username);
	return client;
}

const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** An open livelihood training, and a second role waiting for the administrator. */
async function roles(member: HttpClient, admin: HttpClient) {
	const orgName = burmeseName('မဲဆောက် ဆေးခန်း');
	await expectStatus(
		member.post('/org?/apply', {
			name: orgName,
			kind: 'clinic',
			description: 'နယ်စပ်ရှိ ဆေးခန်း',
			area_mae_sot: 'on'
		}),
		200,
		'applying'
	);
	ids.org = (
		sqlite.prepare('select id from organization where name = ?').get(orgName) as { id: string }
	).id;
	await expectStatus(
		admin.post(`/admin/organizations/${ids.org}?/decide`, { decision: 'vet', note: '' }),
		200,
		'vetting'
	);
	const write = async (title: string) => {
		const created = await expectStatus(
			member.post('/org/roles/new', {
				kind: 'livelihood_training',
				title_my: title,
				title_en: '',
				description_my: 'အိမ်ထောင်ဖက်များအတွက် အပ်ချုပ်သင်တန်း',
				description_en: '',
				safety_my: 'တည်နေရာကို လက်ခံပြီးမှ ပြောမည်',
				safety_en: '',
				area: 'mae_sot',
				availability: 'part_time',
				pay: 'နေ့လယ်စာ ပါသည်',
				seats: '12',
				starts_on: day(20),
				closes_on: day(40)
			}),
			303,
			'writing a role'
		);
		const where = created.headers.get('location')!;
		await expectStatus(
			member.post(`${where}?/addSkill`, { skill: 'first_aid', level: '1', need: 'required' }),
			200,
			'adding first aid'
		);
		await expectStatus(
			member.post(`${where}?/addSkill`, { skill: 'thai', level: '2', need: 'preferred' }),
			200,
			'adding Thai'
		);
		await expectStatus(member.post(`${where}?/move`, { move: 'submit' }), 200, 'submitting');
		return { where, id: where.split('/').pop()! };
	};
	const open = await write(burmeseName('အပ်ချုပ်သင်တန်း'));
	await expectStatus(
		admin.post(`/admin/roles/${open.id}?/review`, { decision: 'approve', note: '' }),
		200,
		'approving'
	);
	await expectStatus(member.post(`${open.where}?/move`, { move: 'open' }), 200, 'opening');
	ids.role = open.id;
	ids.submitted = (await write(burmeseName('ချက်ပြုတ်သင်တန်း'))).id;
}

/** The learner finishes the first aid course from their phone (as the offline reader sends it), gets its certificate, and applies. */
async function learns(learner: HttpClient) {
	await expectStatus(
		learner.post('/learn/profile?/details', {
			area: 'mae_sot',
			visibility: 'vetted',
			availability_part_time: 'on',
			password: 'every word in burmese'
		}),
		200,
		'saving the profile'
	);
	await expectStatus(
		learner.post('/learn/profile?/skills', { level_thai: '1' }),
		200,
		'declaring Thai'
	);
	const answers = (quizId: string) => {
		const quiz = JSON.parse(
			fs.readFileSync(`content/courses/${COURSE}/quizzes/${quizId}.json`, 'utf8')
		);
		return Object.fromEntries(
			quiz.questions.map(
				(q: {
					id: string;
					type: string;
					options?: { id: string; correct: boolean }[];
					answer?: boolean;
					accepted?: { my: string[] };
				}) => [
					q.id,
					q.type === 'single'
						? q.options!.find((o) => o.correct)!.id
						: q.type === 'multiple'
							? q.options!.filter((o) => o.correct).map((o) => o.id)
							: q.type === 'true_false'
								? q.answer
								: q.accepted!.my[0]
				]
			)
		);
	};
	const tag = uniqueName('ev');
	const events = [
		...lessonIds.map((lessonId, i) => ({
			id: `${tag}-lesson-${i}`,
			type: 'lesson_done',
			courseId: COURSE,
			lessonId,
			at: Date.now() - 60_000 + i
		})),
		...quizIds.map((quizId, i) => ({
			id: `${tag}-quiz-${i}`,
			type: 'quiz_attempt',
			courseId: COURSE,
			quizId,
			answers: answers(quizId),
			at: Date.now() - 30_000 + i
		}))
	];
	const synced = await expectStatus(
		learner.request('/api/sync', {
			method: 'POST',
			body: JSON.stringify({ events }),
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		}),
		200,
		'syncing'
	);
	expect((await synced.json()).results.map((r: { status: string }) => r.status)).toEqual(
		events.map(() => 'applied')
	);
	ids.code = (
		sqlite
			.prepare('select code from certificate where course_id = ? order by issued_at desc')
			.get(COURSE) as { code: string }
	).code;
	theirs.push(ids.code);
	await expectStatus(
		learner.post(`/learn/opportunities/${ids.role}?/apply`, { message: 'အပ်ချုပ်ခြင်းကို လေ့လာလိုပါသည်။' }),
		303,
		'applying'
	);
	ids.application = (
		sqlite.prepare('select id from application where role_id = ?').get(ids.role) as { id: string }
	).id;
	await expectStatus(
		learner.post(`/learn/applications/${ids.application}?/message`, { body: 'မနက်ပိုင်း အားပါသည်။' }),
		200,
		'writing'
	);
}

beforeAll(async () => {
	app = await startApp(OWN_PORT);
	sqlite = new Database(app.databasePath, { readonly: true });
	browser = await launch();
	people.admin = await administrator();
	people.member = await person('org_member');
	people.learner = await person('learner');
	await roles(people.member, people.admin);
	await learns(people.learner);
	await expectStatus(
		people.member.post(`/org/applications/${ids.application}?/decide`, {
			decision: 'shortlist',
			note: 'အင်္ဂါနေ့ လာတွေ့ပါ။'
		}),
		200,
		'shortlisting'
	);
}, 300_000);

afterAll(async () => {
	await browser?.close();
	sqlite?.close();
	if (app) {
		await app.stop();
		fs.rmSync(path.dirname(app.databasePath), { recursive: true, force: true });
	}
});

/** A phone signed in as `client` (or a visitor), reading Burmese. */
async function phoneOf(
	client: HttpClient | null,
	options: { serviceWorkers?: 'allow' | 'block' } = {}
) {
	const context = await phone(browser, { baseURL: app.baseUrl, ...options });
	const cookies = [{ name: 'lang', value: 'my', url: app.baseUrl }];
	if (client?.cookie) {
		const [name, value] = client.cookie.split('=');
		cookies.push({ name, value, url: app.baseUrl });
	}
	await context.addCookies(cookies);
	return context;
}

/**
 * Every text a person reads or hears on the page (text, labels, hints, the title), except what
 * is marked translate="no"; a value so marked is also taken out where the page quotes it
 * elsewhere (a pseudonym in the page's title).
 */
function readable(page: Page): Promise<{ texts: string[]; verbatim: string[]; markers: string[] }> {
	return page.evaluate(() => {
		// A lesson's text is its authors' (tests/unit/course-content.test.ts checks the starter texts):
		// it may quote a source's title with its year, as "IFRC First Aid Guidelines 2020".
		const kept = (element: Element) =>
			element.closest('[translate="no"], article.lesson, script, style, noscript, template') !==
			null;
		const texts: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || kept(parent) || (parent.tagName !== 'OPTION' && !parent.checkVisibility()))
				continue;
			const text = node.textContent?.trim();
			if (text) texts.push(text);
		}
		for (const element of document.body.querySelectorAll(
			'[aria-label], [placeholder], [title], [alt]'
		)) {
			if (kept(element)) continue;
			for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
				const value = element.getAttribute(name);
				if (value) texts.push(value);
			}
		}
		texts.push(document.title);
		// A numbered list's markers are drawn by the browser, in the list's style.
		const markers: string[] = [];
		for (const item of document.querySelectorAll('ol > li')) {
			const marker = getComputedStyle(item).listStyleType;
			if (!kept(item) && item.checkVisibility() && !['none', 'myanmar'].includes(marker))
				markers.push(`numbered ${marker}: ${item.textContent?.trim().slice(0, 40)}`);
		}
		const verbatim = [...document.querySelectorAll('[translate="no"]')]
			.map((element) => element.textContent?.trim() ?? '')
			.filter(Boolean);
		return { texts, verbatim, markers };
	});
}

/** Opens `path` and waits until its script has run (when the browser would re-format anything). */
async function open(page: Page, path: string) {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(200);
	await page.waitForLoadState('networkidle');
}

/** The texts of the page that show an ASCII digit or an English month, once their owners' names and codes are taken out, and lists numbered in ASCII digits. */
async function foreign(page: Page): Promise<string[]> {
	const { texts, verbatim, markers } = await readable(page);
	const quoted = [...theirs, ...verbatim];
	return [
		...texts.filter((text) =>
			readsForeign(quoted.reduce((rest, value) => rest.split(value).join(''), text))
		),
		...markers
	];
}

async function walk(page: Page, paths: string[]) {
	const found: Record<string, string[]> = {};
	for (const path of paths) {
		await open(page, path);
		const texts = await foreign(page);
		if (texts.length) found[path] = texts;
	}
	expect(found).toEqual({});
}

async function shot(page: Page, name: string) {
	if (!SHOTS) return;
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('Burmese pages', () => {
	it("a learner's pages: home, courses, a lesson, certificates, opportunities, applications, trainings, help, account and data", async () => {
		const context = await phoneOf(people.learner);
		const page = await context.newPage();
		await walk(page, [
			'/learn',
			'/learn/courses',
			`/learn/courses/${COURSE}`,
			`/learn/courses/${COURSE}/lessons/${lessonIds[1]}`,
			'/learn/certificates',
			`/learn/certificates/${ids.code}`,
			'/learn/opportunities',
			`/learn/opportunities/${ids.role}`,
			'/learn/applications',
			`/learn/applications/${ids.application}`,
			'/learn/profile',
			'/learn/privacy',
			'/learn/trainings',
			'/learn/downloads',
			'/help',
			'/learn/help',
			'/account',
			'/account/data'
		]);
		// What used to read wrong, read right.
		await open(page, `/learn/courses/${COURSE}/lessons/${lessonIds[1]}`);
		await shown(page.getByRole('link', { name: '← ယခင် သင်ခန်းစာ' }));
		await shown(page.getByRole('link', { name: 'နောက် သင်ခန်းစာ →' }));
		await open(page, `/learn/opportunities/${ids.role}`);
		await shown(page.getByText('လက်ခံမည့် လူဦးရေ', { exact: true }));
		await shown(page.getByText('၁၂', { exact: true }));
		await shown(page.getByText(/^ရှိလျှင် ပိုကောင်းသော ကျွမ်းကျင်မှု ၁ ခုအနက် ၀ ခု ရှိသည်။$/));
		await shot(page, 'role');
		await open(page, `/learn/certificates/${ids.code}`);
		await shown(
			page.getByText(
				/^ပြီးဆုံးသည့်နေ့ - ၂၀[၀-၉]{2} (ဇန်နဝါရီ|ဖေဖော်ဝါရီ|မတ်|ဧပြီ|မေ|ဇွန်|ဇူလိုင်|ဩဂုတ်|စက်တင်ဘာ|အောက်တိုဘာ|နိုဝင်ဘာ|ဒီဇင်ဘာ) [၀-၉]{1,2}$/
			)
		);
		await shot(page, 'certificate');
		// New recovery codes: the codes and the name are the person's, kept as they are; the rest in Burmese.
		await open(page, '/account');
		await typeInto(page.locator('#codes-password'), 'every word in burmese');
		await page.getByRole('button', { name: 'ကုဒ်အသစ် ၁၀ ခု ပြုလုပ်ရန်' }).click();
		await shown(page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }));
		expect(await foreign(page)).toEqual([]);
		await context.close();
	});

	it("a quiz's result, and a course's download, whole and stopped half-way, on this phone", async () => {
		const context = await phoneOf(people.learner, { serviceWorkers: 'block' });
		const page = await context.newPage();
		await open(page, `/learn/courses/${COURSE}/quizzes/${quizIds[0]}`);
		await answerQuiz(page, COURSE, quizIds[0]);
		expect(await foreign(page)).toEqual([]);
		await shown(page.getByText('သင့်အဖြေ မှန်သည်။').first());
		await shot(page, 'quiz-result');

		await open(page, `/learn/courses/${COURSE}`);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · [၀-၉]+ KB$/ }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		// The network goes while a second course downloads: its lessons never arrive.
		await context.route(`${app.baseUrl}/api/courses/${PARTIAL}/offline/lessons/**`, (route) =>
			route.abort()
		);
		await open(page, `/learn/courses/${PARTIAL}`);
		expect(await foreign(page)).toEqual([]);
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByRole('alert').filter({ hasText: 'ဒေါင်းလုဒ် ရပ်သွားသည်' }));
		await context.unroute(`${app.baseUrl}/api/courses/${PARTIAL}/offline/lessons/**`);

		await open(page, '/learn/downloads');
		await shown(page.getByRole('link', { name: course.title.my }));
		// The unfinished one is named by its title, never by its id.
		await shown(page.getByRole('link', { name: partial.title.my }));
		expect(await page.getByText(PARTIAL).count()).toBe(0);
		await shown(page.getByText(/^[၀-၉]+ KB$/).first());
		expect(await foreign(page)).toEqual([]);
		await shot(page, 'downloads');
		await context.close();
	});

	it("a visitor's pages: the landing page, the courses open before signing up, signing in and up, and a certificate's check", async () => {
		const context = await phoneOf(null);
		const page = await context.newPage();
		await walk(page, [
			'/',
			'/learn/courses',
			`/learn/courses/${COURSE}`,
			'/signin',
			'/signup',
			'/help',
			`/verify/${ids.code}`
		]);
		await context.close();
	});

	it("an organization's pages: home, roles, a role, its candidates and applications, an application", async () => {
		const context = await phoneOf(people.member);
		const page = await context.newPage();
		await walk(page, [
			'/org',
			'/org/roles',
			`/org/roles/${ids.role}`,
			`/org/roles/${ids.role}/candidates`,
			`/org/roles/${ids.role}/applications`,
			`/org/applications/${ids.application}`,
			'/org/trainings',
			'/org/trainings/new',
			'/org/services',
			'/org/help'
		]);
		await context.close();
	});

	it("an administrator's pages: home, an organization, a role to check, skills", async () => {
		const context = await phoneOf(people.admin);
		const page = await context.newPage();
		await walk(page, [
			'/admin',
			`/admin/organizations/${ids.org}`,
			`/admin/roles/${ids.submitted}`,
			'/admin/skills',
			'/admin/skills/first_aid',
			'/admin/trainings',
			'/admin/services'
		]);
		await context.close();
	});
});
