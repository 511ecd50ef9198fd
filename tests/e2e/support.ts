import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { expect, inject, onTestFailed } from 'vitest';
import { watchOrigins } from './same-origin';
import { HttpClient } from '../helpers/http-client';
import { formatNumber } from '$lib/format';
import { openMenu } from './screen';

export const baseUrl = () => inject('baseUrl');

/** One row of the suite's database, read as the server left it (a fresh read-only connection). */
export function storedRow<T>(sql: string, ...args: unknown[]): T {
	const db = new Database(inject('databasePath'), { readonly: true });
	try {
		return db.prepare(sql).get(...args) as T;
	} finally {
		db.close();
	}
}

/** Waits until a shared phone's session on the test server has been idle long enough to lock. */
export const waitForIdleLock = () =>
	new Promise((resolve) => setTimeout(resolve, inject('sharedIdleMs') + 1000));

/** Chromium whose every context is watched for requests to other origins (same-origin.ts). */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
	const browser = await launchChromium(extraArgs);
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => watchOrigins(await newContext(options));
	return browser;
}

/** A phone-sized context: 360 px wide, touch, like the cheap Android phones Lanpya serves. */
export function phone(
	browser: Browser,
	options: {
		javaScriptEnabled?: boolean;
		serviceWorkers?: 'allow' | 'block';
		baseURL?: string;
	} = {}
): Promise<BrowserContext> {
	return browser.newContext({
		baseURL: baseUrl(),
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true,
		...options
	});
}

/**
 * What happened in a context, printed with times only if the test fails (a timeout included):
 * every navigation, failed request and answer of 400 or more, console error, the service
 * worker's state in each page, and the steps the test names with the returned function.
 */
export function traced(context: BrowserContext): (step: string) => void {
	const start = Date.now();
	const lines: string[] = [];
	const note = (line: string) =>
		lines.push(`${((Date.now() - start) / 1000).toFixed(1).padStart(6)}s ${line}`);
	const path = (url: string) => url.replace(baseUrl(), '');
	context.on('request', (request) => {
		if (request.isNavigationRequest()) note(`navigate ${path(request.url())}`);
	});
	context.on('requestfailed', (request) =>
		note(`failed ${request.method()} ${path(request.url())}: ${request.failure()?.errorText}`)
	);
	context.on('response', (response) => {
		if (response.status() >= 400) note(`${response.status()} ${path(response.url())}`);
	});
	context.on('console', (message) => {
		if (message.type() === 'error') note(`console: ${message.text()}`);
	});
	onTestFailed(async () => {
		for (const page of context.pages()) {
			const worker = await Promise.race([
				page
					.evaluate(async () => {
						const registration = await navigator.serviceWorker.getRegistration();
						return JSON.stringify({
							controlled: navigator.serviceWorker.controller !== null,
							installing: registration?.installing?.state,
							waiting: registration?.waiting?.state,
							active: registration?.active?.state
						});
					})
					.catch((error: Error) => error.message),
				new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 2 s'), 2000))
			]);
			note(`page ${path(page.url())}: worker ${worker}`);
		}
		console.error(['What the browser did:', ...lines].join('\n'));
	});
	return (step) => note(`step: ${step}`);
}

/**
 * Closes a context whose pages a service worker controls: its pages first, then the context,
 * waiting at most 15 s (Chromium can leave such a close hanging; the test's checks are done by
 * then, so a hang is printed and the run goes on).
 */
export async function closeWorkerContext(context: BrowserContext): Promise<void> {
	for (const page of context.pages()) await page.close().catch(() => undefined);
	const closed = await Promise.race([
		context.close().then(() => true),
		new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000))
	]);
	if (!closed) console.warn('Chromium did not close a context with a service worker within 15 s.');
}

let counter = 0;
/** A username unique to this run. */
export function uniqueName(prefix: string): string {
	return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/**
 * Signs up through the form, typing the name and password key by key as a person does; returns
 * the recovery codes shown, once the account is stored under exactly the name typed.
 */
export async function signUpInBrowser(
	page: Page,
	username: string,
	password: string,
	kind: 'learner' | 'org_member' = 'learner',
	/** The background chosen in the optional list ('family': a spouse or family member). */
	background?: 'former_soldier' | 'former_police' | 'family' | 'other'
): Promise<string[]> {
	await page.goto('/signup');
	await typeInto(page.getByLabel(/အသုံးပြုသူအမည်|Username/), username);
	await typeInto(page.getByLabel(/^(စကားဝှက်|Password)$/), password);
	if (background) await page.getByLabel(/ကျွန်ုပ်၏ နောက်ခံ|My background/).selectOption(background);
	if (kind === 'org_member')
		await page.getByRole('radio', { name: /မိတ်ဖက် အဖွဲ့အစည်း|partner organization/ }).check();
	await page.getByRole('button', { name: /အကောင့်ဖွင့်ရန်|Create account/ }).click();
	const list = page.getByRole('list', { name: /ပြန်လည်ရယူရေးကုဒ်များ|Recovery codes/ });
	try {
		await list.waitFor({ timeout: 15_000 });
	} catch (error) {
		const alert = await page.locator('.error').allInnerTexts();
		throw new Error(
			`sign-up of ${username} showed no codes at ${page.url()}; errors: ${alert.join(' | ')}`,
			{ cause: error }
		);
	}
	// On the suite's server (files that start their own server have their own database).
	if (new URL(page.url()).origin === new URL(baseUrl()).origin) {
		const db = new Database(inject('databasePath'), { readonly: true });
		const stored = db
			.prepare('select username from user where username like ?')
			.all(`%${username}%`) as { username: string }[];
		db.close();
		if (stored.length !== 1 || stored[0].username !== username)
			throw new Error(`sign-up typed ${username}, stored ${JSON.stringify(stored)}`);
	}
	return list.getByRole('listitem').allInnerTexts();
}

/**
 * Makes an administrator with the real command and returns its one-time password. Run without
 * blocking: while the command starts (seconds on a busy machine) the server closes idle
 * keep-alive connections, and a blocked test process would only notice after reusing one.
 */
export async function createAdminWithCommand(
	name: string,
	databasePath = inject('databasePath')
): Promise<string> {
	const { stdout: output } = await promisify(execFile)(
		'npx',
		['tsx', 'scripts/admin-create.ts', name],
		{
			env: { ...process.env, DATABASE_PATH: databasePath },
			encoding: 'utf8'
		}
	);
	const match = output.match(/One-time password: (\S+)/);
	if (!match) throw new Error(`unexpected output: ${output}`);
	return match[1];
}

/** A raw HTTP client signed in as a new administrator (made with the command, its one-time password replaced). */
export async function adminClient(
	locale: 'my' | 'en' = 'en',
	prefix = 'adminclient'
): Promise<Client> {
	const client = new Client(locale);
	const name = uniqueName(prefix);
	const oneTime = await createAdminWithCommand(name);
	const signedIn = await client.signIn(name, oneTime);
	if (signedIn.status !== 303) throw new Error(`signing in ${name} answered ${signedIn.status}`);
	const changed = await client.post('/account/password', {
		current: oneTime,
		next: 'administrators guard the gate'
	});
	if (changed.status !== 303)
		throw new Error(`replacing the one-time password of ${name} answered ${changed.status}`);
	return client;
}

/**
 * A new organization, vetted by a new administrator, with an open volunteer role titled `title`
 * in Mae Sot needing `skills` (by default first aid, working, and Thai, basic). Returns the
 * role's id and the organization's client (in English) and name.
 */
export async function openVettedRole(
	title: string,
	skills: { skill: string; level: string; need: 'required' | 'preferred' }[] = [
		{ skill: 'first_aid', level: '2', need: 'required' },
		{ skill: 'thai', level: '1', need: 'required' }
	]
): Promise<{ id: string; org: Client; orgName: string }> {
	const admin = await adminClient('en', 'opsadmin');
	const org = new Client('en');
	await org.signUp(uniqueName('opsorg'), 'org_member');
	const orgName = uniqueName('Mae Sot clinic');
	const expectStatus = async (
		request: Promise<Response>,
		status: number,
		what: string
	): Promise<Response> => {
		const response = await request;
		if (response.status !== status)
			throw new Error(`${what} answered ${response.status}, not ${status}`);
		return response;
	};
	await expectStatus(
		org.post('/org?/apply', {
			name: orgName,
			kind: 'clinic',
			description: 'Care',
			area_mae_sot: 'on'
		}),
		200,
		'applying'
	);
	const db = new Database(inject('databasePath'), { readonly: true });
	const orgId = (
		db.prepare('select id from organization where name = ?').get(orgName) as { id: string }
	).id;
	db.close();
	await expectStatus(
		admin.post(`/admin/organizations/${orgId}?/decide`, { decision: 'vet', note: '' }),
		200,
		'vetting'
	);
	const created = await expectStatus(
		org.post('/org/roles/new', {
			kind: 'medical_volunteer',
			title_my: title,
			title_en: '',
			description_my: 'ဒဏ်ရာ ကုသရာတွင် ကူညီရန်',
			description_en: '',
			safety_my: '',
			safety_en: '',
			// Closing tomorrow: among roles that fit a learner equally (other tests post some), the one
			// closing sooner ranks first, so this role is first for a learner who fits it fully.
			area: 'mae_sot',
			availability: 'volunteer',
			pay: '',
			seats: '2',
			starts_on: '',
			closes_on: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
		}),
		303,
		'writing the role'
	);
	const role = created.headers.get('location')!;
	for (const skill of skills)
		await expectStatus(org.post(`${role}?/addSkill`, skill), 200, `adding ${skill.skill}`);
	await expectStatus(org.post(`${role}?/move`, { move: 'submit' }), 200, 'submitting');
	const id = role.split('/').pop()!;
	await expectStatus(
		admin.post(`/admin/roles/${id}?/review`, { decision: 'approve', note: '' }),
		200,
		'approving'
	);
	await expectStatus(org.post(`${role}?/move`, { move: 'open' }), 200, 'opening');
	return { id, org, orgName };
}

/** A raw HTTP client that keeps one session cookie, for checks a browser would hide. */
export class Client extends HttpClient {
	constructor(locale: 'my' | 'en' = 'en') {
		super(baseUrl, locale);
	}

	async signUp(
		username: string,
		kind: 'learner' | 'org_member' = 'learner',
		password = 'green tea and rice',
		{ shared = false } = {}
	): Promise<Response> {
		return this.post('/signup', {
			username,
			password,
			kind,
			background: '',
			...(shared ? { shared: 'on' } : {})
		});
	}

	async signIn(username: string, password: string, { shared = false } = {}): Promise<Response> {
		return this.post('/signin', { username, password, ...(shared ? { shared: 'on' } : {}) });
	}
}

/** Console errors a page logs (CSP violations among them); a clean page logs none. */
export function consoleErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

/**
 * Opens `path` and waits until the service worker controls the page. An install that fails
 * (a file of the shell not fetched on a busy machine) is tried again by the browser at the
 * next page load, as on a phone: the test then reloads once, as a person would.
 */
export async function controlled(page: Page, path = '/learn/courses') {
	await page.goto(path);
	const control = () =>
		page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
			timeout: 20_000
		});
	try {
		await control();
	} catch {
		await page.reload();
		await control();
	}
}

/**
 * Types `text` into a field as a person does: a tap on the field, then one key at a time
 * (`pressSequentially`), appending to whatever the page left in it. Unlike `fill`, which
 * replaces the field's value, this shows what a person would really send.
 */
export async function typeInto(field: Locator, text: string) {
	await touch(field);
	await field.pressSequentially(text);
}

/**
 * The last tap on each page, where and when. Chromium counts a tap that lands within
 * `DOUBLE_TAP` of the one before, in time and on the screen, as a double tap (the mousedown's
 * `detail` is 2), which selects a word instead of placing the caret: in an empty field, the
 * keys then go nowhere. A person who types a word into one field and taps the next never
 * does that; a test typing at machine speed does whenever two fields scroll to the same spot.
 */
const lastTap = new WeakMap<Page, { x: number; y: number; at: number }>();
const DOUBLE_TAP = { ms: 500, px: 100 };

/** A tap on a phone; a click on a computer (a context without touch, like a second device). */
async function touch(field: Locator) {
	const page = field.page();
	await field.scrollIntoViewIfNeeded();
	const box = await field.boundingBox();
	const last = lastTap.get(page);
	if (box && last) {
		const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
		const near = Math.hypot(x - last.x, y - last.y) < DOUBLE_TAP.px;
		const wait = last.at + DOUBLE_TAP.ms - Date.now();
		if (near && wait > 0) await page.waitForTimeout(wait);
	}
	try {
		await field.tap();
	} catch (error) {
		if (!/does not support tap/.test(String(error))) throw error;
		await field.click();
	}
	if (box)
		lastTap.set(page, { x: box.x + box.width / 2, y: box.y + box.height / 2, at: Date.now() });
}

/** Replaces what a field holds as a person does: a tap, select all, then the new text key by key. */
export async function retypeInto(field: Locator, text: string) {
	await touch(field);
	await field.press('ControlOrMeta+a');
	await field.pressSequentially(text);
}

/**
 * The page as a phone on 2G first has it: the server's HTML, with the app's scripts
 * (`/_app/immutable/...js`) held back until `release()`, while the person already reads, taps
 * and types. `release()` lets them through and waits until the page has hydrated.
 */
export async function holdScripts(page: Page): Promise<() => Promise<void>> {
	let open!: () => void;
	const gate = new Promise<void>((resolve) => (open = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route: Route) => {
		await gate;
		await route.continue().catch(() => undefined);
	});
	return async () => {
		open();
		await hydrated(page);
	};
}

/**
 * Waits until SvelteKit has hydrated the page and started its router: the router's first act,
 * right after hydration, sets `history.scrollRestoration` to "manual" (a new page starts "auto").
 * A page rendered without client-side code (`csr = false`: no `__sveltekit_… = {` start script) is
 * as it will stay once loaded.
 */
export async function hydrated(page: Page) {
	await page.waitForFunction(
		() =>
			history.scrollRestoration === 'manual' ||
			(document.readyState === 'complete' &&
				![...document.scripts].some((s) => /__sveltekit_\w+ = \{/.test(s.textContent ?? ''))),
		undefined,
		{ timeout: 30_000 }
	);
	// Effects flush after mounting: one frame more.
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
	);
}

/** A phone context signed in with a raw client's session (and its language). */
export async function signedIn(
	browser: Browser,
	client: Client,
	options: Parameters<typeof phone>[1] = {}
): Promise<BrowserContext> {
	const context = await phone(browser, options);
	const cookies: { name: string; value: string; url: string }[] = [
		{ name: 'lang', value: client.locale, url: baseUrl() }
	];
	if (client.cookie) {
		const [name, ...value] = client.cookie.split('=');
		cookies.push({ name, value: value.join('='), url: baseUrl() });
	}
	await context.addCookies(cookies);
	return context;
}

/** Waits until the locator's first match is visible (playwright-core has no auto-waiting expect). */
export async function shown(locator: Locator): Promise<true> {
	await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
	return true;
}

/** Types into a Burmese and English pair of fields, found by its legend as a person reads it (in English). */
export async function typePair(page: Page | Locator, legend: string, my: string, en: string) {
	const fields = page.getByRole('group', { name: legend, exact: true });
	await typeInto(fields.getByLabel('Burmese'), my);
	await typeInto(fields.getByLabel('English'), en);
}

/**
 * Answers every question of the quiz on screen correctly, as a person reading the lessons would:
 * a short question with the words its Burmese lesson teaches, typed key by key (a number
 * question thus gets the lesson's range, "၁၀၀ ကနေ ၁၂၀"), and checks every answer is scored right.
 */
export async function answerQuiz(page: Page, courseId: string, quizId: string) {
	const quiz = JSON.parse(
		fs.readFileSync(`content/courses/${courseId}/quizzes/${quizId}.json`, 'utf8')
	);
	for (const [index, q] of quiz.questions.entries()) {
		const group = page.getByRole('group', {
			name: new RegExp(`^${formatNumber(index + 1, 'my')}။ `)
		});
		if (q.type === 'single' || q.type === 'multiple') {
			for (const option of q.options)
				if (option.correct) await group.getByLabel(option.text.my, { exact: true }).check();
		} else if (q.type === 'true_false') {
			await group.getByLabel(q.answer ? 'မှန်' : 'မှား', { exact: true }).check();
		} else {
			const field = group.getByRole('textbox');
			const answer = q.taught?.my[0] ?? q.accepted.my[0] ?? q.accepted.en[0] ?? String(q.range.min);
			await typeInto(field, answer);
			expect(await field.inputValue()).toBe(answer);
		}
	}
	await page.getByRole('button', { name: 'အဖြေများကို စစ်ရန်' }).click();
	await shown(page.getByText('အောင်ပါပြီ။ တော်ပါတယ်။'));
	await shown(page.getByText(`သင် ${formatNumber(100, 'my')}% ရသည်။`));
}

/** Makes an administrator with the command and signs in (in English), replacing the one-time password. */
/**
 * "English" in the menu. A menu opened just before the page hydrates is closed by it (with
 * script); the menu is then opened again, as a person would. Works without script too.
 */
async function chooseEnglish(page: Page) {
	for (let attempt = 1; ; attempt++) {
		await openMenu(page);
		try {
			await page.getByRole('button', { name: 'English' }).click({ timeout: 5_000 });
			return;
		} catch (error) {
			if (attempt === 3) throw error;
		}
	}
}

export async function signInAsNewAdmin(page: Page, prefix = 'admin'): Promise<string> {
	const name = uniqueName(prefix);
	const oneTime = await createAdminWithCommand(name);
	await page.goto('/signin');
	await chooseEnglish(page);
	await typeInto(page.getByLabel('Username'), name);
	await typeInto(page.getByLabel('Password'), oneTime);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/account/password');
	await chooseEnglish(page);
	await typeInto(page.getByLabel('Current password'), oneTime);
	await typeInto(page.getByLabel('New password'), 'administrators guard the gate');
	await page.getByRole('button', { name: 'Change password' }).click();
	await page.waitForURL('**/admin');
	return name;
}
