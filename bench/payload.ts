/**
 * `npm run bench:payload`: what a phone pays, in bytes, with every byte both ways counted by a
 * TCP proxy on loopback between Chromium and the app (headers included, the service worker's
 * requests included): each visitor's and learner's page on a first visit with an empty cache,
 * twice (service worker blocked, as the figures before 2026-12 were taken; and allowed, as a
 * phone really loads it, its install counted); a reading session (a course's first lesson, then
 * the next 5); every "Next lesson" of the starter courses against the lesson text's own brotli
 * bytes; opening a downloaded lesson online. Also argon2 hash time and `npm start` time to first
 * response on a warm restart. Prints Markdown for docs/benchmarks.md, with what it leaves out.
 */
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../src/lib/server/auth/password';
import { readStarterCatalogue } from '../src/lib/server/courses/content-files';
import { openDatabase } from '../src/lib/server/db';
import { createAdministrator, signUp as signUpAccount } from '../src/lib/server/accounts/sign-in';
import { applyForOrganization } from '../src/lib/server/orgs/membership';
import { decideOrganization } from '../src/lib/server/orgs/vetting';
import { createTraining, moveTraining } from '../src/lib/server/trainings/editing';
import { reviewTraining } from '../src/lib/server/trainings/review';
import {
	countingProxy,
	kb,
	launchChromium,
	median,
	quiet,
	startApp,
	type Counted,
	type CountingProxy
} from './lib';

/** The project's budget for a first visit with the service worker blocked (the figures so far). */
const BLOCKED_BUDGET = 60 * 1024;
/** Issue 17: a real first visit (service worker allowed), bytes down. */
const FIRST_VISIT_BUDGET = 40 * 1024;
const SESSION_BUDGET = 60 * 1024;
const NEXT_RATIO_BUDGET = 2;

type Cookies = Awaited<ReturnType<BrowserContext['storageState']>>['cookies'];

const catalogue = readStarterCatalogue();
const LESSON_COURSE = 'first-aid-basics';
const firstAid = catalogue.find((b) => b.course.id === LESSON_COURSE)!;
const coursePath = `/learn/courses/${LESSON_COURSE}`;
const lessonIds = firstAid.course.modules.flatMap((m) => m.lessons.map((l) => l.id));
const lessonPath = (course: string, id: string) => `/learn/courses/${course}/lessons/${id}`;
const firstQuiz = firstAid.course.modules[0].quiz;

/** A phone: 360 px, touch, with or without service workers, with `cookies` (a signed-in account). */
function phoneContext(browser: Browser, worker: boolean, cookies: Cookies = []) {
	return browser.newContext({
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true,
		serviceWorkers: worker ? 'allow' : 'block',
		storageState: { cookies, origins: [] }
	});
}

/** Waits for the page's service worker, when it registers one, to be installed and in charge. */
async function workerSettled(page: Page) {
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker?.getRegistration();
		if (!registration) return;
		await Promise.race([
			navigator.serviceWorker.ready,
			new Promise((resolve) => setTimeout(resolve, 30_000))
		]);
	});
}

/** A first visit to `path` with an empty cache: every byte both ways until the network is quiet. */
async function firstVisit(
	browser: Browser,
	proxy: CountingProxy,
	path: string,
	worker: boolean,
	cookies: Cookies = []
): Promise<Counted> {
	const context = await phoneContext(browser, worker, cookies);
	const page = await context.newPage();
	proxy.reset();
	await page.goto(proxy.url + path, { waitUntil: 'networkidle' });
	if (worker) await workerSettled(page);
	await quiet(proxy, 2000);
	const counted = proxy.counted();
	await context.close();
	return counted;
}

/** Signs up through the real form's endpoint; the account's cookies. */
async function signUp(browser: Browser, proxy: CountingProxy, kind: string): Promise<Cookies> {
	const context = await phoneContext(browser, false);
	const response = await context.request.post(`${proxy.url}/signup`, {
		form: {
			username: `bench${kind.slice(0, 3)}${Date.now().toString(36)}`,
			password: 'measuring every byte',
			kind,
			background: ''
		},
		headers: { origin: proxy.url }
	});
	if (!response.ok()) throw new Error(`sign-up failed: ${response.status()}`);
	const { cookies } = await context.storageState();
	await context.close();
	return cookies;
}

/**
 * An open sewing training of a vetted organization, made with the app's own functions on the
 * app's database (the organization's pages are not what is measured), so the learner's trainings
 * pages show one as a phone would.
 */
async function openTraining(databasePath: string): Promise<string> {
	const db = openDatabase(databasePath);
	const must = <T extends { ok: boolean }>(result: T): T => {
		if (!result.ok) throw new Error(`seeding a training: ${JSON.stringify(result)}`);
		return result;
	};
	try {
		const stamp = Date.now().toString(36);
		const member = must(
			await signUpAccount(
				db,
				{
					username: `benchorg${stamp}`,
					password: 'measuring every byte',
					kind: 'org_member',
					background: null,
					locale: 'my'
				},
				'bench'
			)
		) as { ok: true; userId: string };
		const org = must(
			await applyForOrganization(db, member.userId, {
				name: `Bench sewing ${stamp}`,
				kind: 'ngo',
				description: ''
			})
		) as { ok: true; orgId: string };
		const admin = must(await createAdministrator(db, `benchadmin${stamp}`)) as {
			ok: true;
			userId: string;
		};
		must(await decideOrganization(db, admin.userId, org.orgId, 'vet', ''));
		const day = (days: number) =>
			new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		const created = must(
			await createTraining(db, member.userId, {
				titleMy: 'အပ်ချုပ် သင်တန်း',
				titleEn: 'Sewing by machine',
				descriptionMy: 'စက်ဖြင့် အပ်ချုပ်နည်း နှစ်ရက်။ ပစ္စည်းများ ပေးမည်။',
				descriptionEn: 'Two days of sewing by machine. Materials provided.',
				audience: 'families',
				area: 'mae_sot',
				seats: 12,
				closesOn: day(7),
				meetingPoint: 'The community hall',
				provided: ['materials', 'childcare', 'meals'],
				sessions: [
					{ startsAt: `${day(8)}T09:00`, endsAt: `${day(8)}T12:00` },
					{ startsAt: `${day(9)}T09:00`, endsAt: `${day(9)}T12:00` }
				],
				skills: [{ id: 'sewing_machine_operation', level: 2 }]
			})
		) as { ok: true; id: string };
		must(await moveTraining(db, member.userId, created.id, 'submit'));
		must(await reviewTraining(db, admin.userId, created.id, 'approve', ''));
		must(await moveTraining(db, member.userId, created.id, 'open'));
		return created.id;
	} finally {
		await db.destroy();
	}
}

const NEXT_LESSON = 'နောက် သင်ခန်းစာ';

/**
 * Opens the course's lesson `id` from the lesson on screen as a learner does: its "Next lesson"
 * link; after a part's last lesson (whose link goes to the quiz), the course's outline, then the
 * lesson in it.
 */
async function openLesson(page: Page, course: string, id: string) {
	const next = page.getByRole('navigation').getByRole('link', { name: NEXT_LESSON });
	if ((await next.count()) > 0 && (await next.first().getAttribute('href'))?.endsWith(`/${id}`)) {
		await next.first().click();
	} else {
		await page.locator(`a[href="/learn/courses/${course}"]`).first().click();
		await page.waitForURL(`**/learn/courses/${course}`);
		await page
			.locator(`a[href="${lessonPath(course, id)}"]`)
			.first()
			.click();
	}
	await page.waitForURL(`**${lessonPath(course, id)}`);
	await page.locator('article.lesson p').first().waitFor();
}

/** A reading session: first visit to the course's first lesson, then the next 5 lessons. */
async function readingSession(browser: Browser, proxy: CountingProxy, cookies: Cookies) {
	const context = await phoneContext(browser, true, cookies);
	const page = await context.newPage();
	const steps: [string, Counted][] = [];
	proxy.reset();
	await page.goto(proxy.url + lessonPath(LESSON_COURSE, lessonIds[0]), {
		waitUntil: 'networkidle'
	});
	await workerSettled(page);
	await quiet(proxy, 2000);
	steps.push([lessonIds[0], proxy.counted()]);
	for (const id of lessonIds.slice(1, 6)) {
		proxy.reset();
		await openLesson(page, LESSON_COURSE, id);
		await quiet(proxy, 1500);
		steps.push([id, proxy.counted()]);
	}
	await context.close();
	return steps;
}

const brotli11 = (text: Buffer) =>
	zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

interface Pair {
	course: string;
	from: string;
	to: string;
	counted: Counted;
	/** The lesson's Burmese Markdown at brotli 11. */
	text: number;
	pictures: number;
}

/** Every "Next lesson" within a part of every starter course, the app loaded (service worker allowed). */
async function nextLessons(browser: Browser, proxy: CountingProxy, cookies: Cookies) {
	const pairs: Pair[] = [];
	for (const bundle of catalogue) {
		const course = bundle.course.id;
		const context = await phoneContext(browser, true, cookies);
		const page = await context.newPage();
		for (const module of bundle.course.modules) {
			const ids = module.lessons.map((l) => l.id);
			await page.goto(proxy.url + lessonPath(course, ids[0]), { waitUntil: 'networkidle' });
			await workerSettled(page);
			await quiet(proxy, 1000);
			for (let i = 1; i < ids.length; i++) {
				proxy.reset();
				await page.getByRole('navigation').getByRole('link', { name: NEXT_LESSON }).first().click();
				await page.waitForURL(`**${lessonPath(course, ids[i])}`);
				await page.locator('article.lesson p').first().waitFor();
				await quiet(proxy, 1000);
				const counted = proxy.counted();
				const pictures = counted.responses
					.filter((r) => r.request.includes('/media/'))
					.reduce((sum, r) => sum + r.down, 0);
				const text = brotli11(fs.readFileSync(`content/courses/${course}/lessons/${ids[i]}.my.md`));
				pairs.push({ course, from: ids[i - 1], to: ids[i], counted, text, pictures });
			}
		}
		await context.close();
	}
	return pairs;
}

/** A downloaded course's lesson opened online: by a tap in the course's outline, and by its address. */
async function downloadedLesson(browser: Browser, proxy: CountingProxy, cookies: Cookies) {
	const context = await phoneContext(browser, true, cookies);
	const page = await context.newPage();
	await page.goto(proxy.url + coursePath, { waitUntil: 'networkidle' });
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 30_000
	});
	await quiet(proxy, 2000);
	proxy.reset();
	await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
	await page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်').waitFor();
	await quiet(proxy, 3000);
	const download = proxy.counted();
	proxy.reset();
	await page.getByRole('link', { name: firstAid.course.modules[0].lessons[0].title.my }).tap();
	await page.locator('article.lesson p').first().waitFor();
	await quiet(proxy, 5000);
	const byTap = proxy.counted();
	proxy.reset();
	await page.goto(proxy.url + lessonPath(LESSON_COURSE, lessonIds[1]));
	await page.locator('article.lesson p').first().waitFor();
	await quiet(proxy, 5000);
	const byAddress = proxy.counted();
	await context.close();
	return { download, byTap, byAddress };
}

async function argon2Times(): Promise<number[]> {
	await hashPassword('warm up the pool');
	const times: number[] = [];
	for (let i = 0; i < 10; i++) {
		const start = performance.now();
		await hashPassword(`benchmark password ${i}`);
		times.push(performance.now() - start);
	}
	return times;
}

const port = Number(process.env.BENCH_PORT ?? 3222);
// The browser reaches the app only through the proxy, which is the app's origin.
const proxy = await countingProxy(new URL(`http://127.0.0.1:${port}`), port + 1);
const first = await startApp(port, undefined, { ORIGIN: proxy.url });
// Each course's download as the app states it (course.size_bytes, the sum of its package's files).
const sizes = (() => {
	const db = new Database(first.databasePath, { readonly: true });
	const rows = db.prepare('select id, size_bytes from course').all() as {
		id: string;
		size_bytes: number;
	}[];
	db.close();
	return new Map(rows.map((r) => [r.id, r.size_bytes]));
})();
const training = await openTraining(first.databasePath);
const browser = await launchChromium();
const learner = await signUp(browser, proxy, 'learner');
const member = await signUp(browser, proxy, 'org_member');
const visitorPages: [string, string][] = [
	['/', '/'],
	['/signin', '/signin'],
	['/signup', '/signup'],
	['/recover', '/recover'],
	['/learn/courses (catalogue, visitor)', '/learn/courses'],
	['/help (directory of support services, visitor)', '/help'],
	[`${coursePath} (course, visitor)`, coursePath],
	[
		`${lessonPath(LESSON_COURSE, lessonIds[0])} (first lesson, visitor)`,
		lessonPath(LESSON_COURSE, lessonIds[0])
	]
];
const learnerPages: [string, string][] = [
	['/learn (learner home)', '/learn'],
	['/learn/courses (catalogue)', '/learn/courses'],
	[`${coursePath} (course)`, coursePath],
	[`${lessonPath(LESSON_COURSE, lessonIds[0])} (lesson)`, lessonPath(LESSON_COURSE, lessonIds[0])],
	[`${coursePath}/quizzes/${firstQuiz} (quiz)`, `${coursePath}/quizzes/${firstQuiz}`],
	['/learn/opportunities', '/learn/opportunities'],
	['/learn/applications', '/learn/applications'],
	['/learn/profile', '/learn/profile'],
	['/learn/downloads', '/learn/downloads'],
	['/learn/trainings', '/learn/trainings'],
	['/learn/trainings/<id> (a training)', `/learn/trainings/${training}`],
	['/help (directory of support services)', '/help'],
	['/learn/help (requests for help)', '/learn/help'],
	['/account (learner)', '/account']
];
const rows: { label: string; blocked: Counted; real: Counted | null }[] = [];
const groups: [[string, string][], Cookies][] = [
	[visitorPages, []],
	[learnerPages, learner]
];
for (const [pages, cookies] of groups)
	for (const [label, path] of pages)
		rows.push({
			label,
			blocked: await firstVisit(browser, proxy, path, false, cookies),
			real: await firstVisit(browser, proxy, path, true, cookies)
		});
// Staff pages load a second script (the "staff" chunk) that learners never download; for reference.
for (const [label, path] of [
	['/org (organization member)', '/org'],
	['/author (organization member)', '/author']
])
	rows.push({ label, blocked: await firstVisit(browser, proxy, path, false, member), real: null });
const session = await readingSession(browser, proxy, learner);
const pairs = await nextLessons(browser, proxy, learner);
const downloaded = await downloadedLesson(browser, proxy, learner);
await browser.close();
await first.stop();
proxy.close();

const restarts: number[] = [];
for (let i = 0; i < 5; i++) {
	const app = await startApp(port, first.databasePath);
	restarts.push(app.startedMs);
	await app.stop();
}
const hashes = await argon2Times();

const detail = Boolean(process.env.BENCH_DETAIL);
const responses = (c: Counted) =>
	c.responses.map((r) => `  ${String(r.down).padStart(7)}  ${r.request}`).join('\n');
const within = (bytes: number, budget: number) => (bytes <= budget ? 'within' : '**over**');

console.log(
	`\n### bench:payload, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, load ${os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ')} at the end\n`
);
console.log(
	'Every byte both ways between Chromium and the app, counted by a TCP proxy on loopback (HTTP/1.1, headers included). Left out: TLS (records, handshakes), TCP/IP and DNS overhead, which a phone also pays; HTTP/2. A fresh browser context per page (empty HTTP cache), 360 px, Burmese.\n'
);
console.log(
	'| first visit, empty cache | worker blocked: down / up | requests | budget 60 KB | real (worker allowed, install counted): down / up | requests | budget 40 KB down |'
);
console.log('|---|---|---|---|---|---|---|');
for (const { label, blocked, real } of rows)
	console.log(
		`| ${label} | ${kb(blocked.down)} / ${kb(blocked.up)} | ${blocked.responses.length} | ${real ? within(blocked.down, BLOCKED_BUDGET) : 'no budget (staff page)'} | ${real ? `${kb(real.down)} / ${kb(real.up)}` : 'not measured'} | ${real ? real.responses.length : ''} | ${real ? within(real.down, FIRST_VISIT_BUDGET) : ''} |`
	);
if (detail)
	for (const { label, blocked, real } of rows)
		console.log(
			`\n${label}, blocked:\n${responses(blocked)}${real ? `\n${label}, real:\n${responses(real)}` : ''}`
		);

const sessionDown = session.reduce((sum, [, c]) => sum + c.down, 0);
const sessionUp = session.reduce((sum, [, c]) => sum + c.up, 0);
console.log(
	`\nReading session (signed-in learner, worker allowed): the first lesson of ${LESSON_COURSE} on a first visit, then the next 5 lessons by "Next lesson" (after a part's last lesson, through the course's outline; its quiz left out): **${kb(sessionDown)} down**, ${kb(sessionUp)} up (budget 60 KB down: ${within(sessionDown, SESSION_BUDGET)})\n`
);
console.log('| step | down | up | requests |');
console.log('|---|---|---|---|');
for (const [id, c] of session)
	console.log(`| ${id} | ${kb(c.down)} | ${kb(c.up)} | ${c.responses.length} |`);
if (detail) for (const [id, c] of session) console.log(`\n${id}:\n${responses(c)}`);

const ratios = pairs.map((p) => (p.counted.down - p.pictures) / p.text);
const over = pairs.filter((_, i) => ratios[i] > NEXT_RATIO_BUDGET);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const spread = (values: number[], digits = 0) => {
	const s = sorted(values);
	return `${s[0].toFixed(digits)} / ${median(s).toFixed(digits)} / ${s[s.length - 1].toFixed(digits)}`;
};
console.log(
	`\nNext lesson, the app loaded (worker allowed), every pair of consecutive lessons within a part of the ${catalogue.length} starter courses (${pairs.length} pairs; a part's last lesson, followed by its quiz, left out). Bytes down without the lesson's pictures (${pairs.filter((p) => p.pictures > 0).length} pairs load some: ${pairs.reduce((s, p) => s + p.pictures, 0)} B in all), against the lesson's Burmese Markdown at brotli 11:\n`
);
console.log('| | min / median / max |');
console.log('|---|---|');
console.log(`| bytes down | ${spread(pairs.map((p) => p.counted.down - p.pictures))} |`);
console.log(`| bytes up | ${spread(pairs.map((p) => p.counted.up))} |`);
console.log(`| lesson text, brotli 11 | ${spread(pairs.map((p) => p.text))} |`);
console.log(`| ratio (budget ≤ 2) | ${spread(ratios, 2)} |`);
console.log(
	`\n${over.length} of ${pairs.length} pairs over 2×${over.length ? `: ${over.map((p) => `${p.course}/${p.to} ${((p.counted.down - p.pictures) / p.text).toFixed(2)}`).join(', ')}` : ''}`
);
if (detail)
	for (const p of pairs)
		console.log(`\n${p.course} ${p.from} → ${p.to} (text ${p.text} B):\n${responses(p.counted)}`);

const asked = (c: Counted) =>
	c.responses.length ? c.responses.map((r) => `${r.request} ${r.down} B`).join(', ') : 'nothing';
console.log(
	`\nDownloading ${LESSON_COURSE} (the rest of the app shell with it): ${kb(downloaded.download.down)} down, ${kb(downloaded.download.up)} up, ${downloaded.download.responses.length} requests`
);
console.log(
	`\nOpening a lesson of the downloaded course with the network on (budget 0 B): ${downloaded.byTap.down + downloaded.byTap.up} B when tapped in the course's outline (${asked(downloaded.byTap)}); ${downloaded.byAddress.down + downloaded.byAddress.up} B when opened by its address (${asked(downloaded.byAddress)})`
);

console.log(
	`\nargon2id (m=19456, t=2, p=1) hash: median ${median(hashes).toFixed(1)} ms, min ${Math.min(...hashes).toFixed(1)} ms, max ${Math.max(...hashes).toFixed(1)} ms over ${hashes.length}`
);
console.log(
	`npm start, warm restart (no rebuild) to first /healthz answer: median ${median(restarts).toFixed(0)} ms (${restarts.map((t) => t.toFixed(0)).join(', ')} ms); first start of this run ${first.startedMs.toFixed(0)} ms`
);
console.log(
	'\n| starter course | version | lessons | quizzes | images | total download (both languages) | budget 300 KB |'
);
console.log('|---|---|---|---|---|---|---|');
for (const bundle of catalogue) {
	const size = sizes.get(bundle.course.id) ?? 0;
	console.log(
		`| ${bundle.course.id} | ${bundle.course.version} | ${bundle.lessons.size} | ${bundle.quizzes.size} | ${bundle.images.size} | ${kb(size)} | ${within(size, 300 * 1024)} |`
	);
}
const overPages = rows.filter(({ real }) => real && real.down > FIRST_VISIT_BUDGET);
if (overPages.length)
	console.log(`\nReal first visits over 40 KB: ${overPages.map(({ label }) => label).join(', ')}`);
