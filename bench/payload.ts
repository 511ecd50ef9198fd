/**
 * `npm run bench:payload`: bytes on the wire (compressed, as Chromium counts them) for a first
 * visit with an empty cache, argon2 hash time, and `npm start` time to first response on a
 * warm restart. Prints a Markdown table for docs/benchmarks.md.
 */
import os from 'node:os';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../src/lib/server/auth/password';
import { readStarterCatalogue } from '../src/lib/server/courses/content-files';
import { kb, launchChromium, median, startApp } from './lib';

const BUDGET = 60 * 1024;

interface Transfer {
	total: number;
	byType: Record<string, number>;
	requests: number;
	/** Addresses of the responses counted so far. */
	finished: string[];
	/** Bytes of each response, in order (printed with BENCH_DETAIL=1). */
	each: [string, number][];
}

/** From now on, adds up the bytes on the wire (as the DevTools protocol counts them) of every response the page gets. */
async function recordTransfer(
	context: BrowserContext,
	page: Page,
	{ cacheDisabled }: { cacheDisabled: boolean }
): Promise<Transfer> {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	if (cacheDisabled) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const types = new Map<string, string>();
	const urls = new Map<string, string>();
	const result: Transfer = { total: 0, byType: {}, requests: 0, finished: [], each: [] };
	cdp.on('Network.responseReceived', (e) => {
		types.set(e.requestId, e.type);
		urls.set(e.requestId, e.response.url);
	});
	cdp.on('Network.loadingFinished', (e) => {
		const type = types.get(e.requestId) ?? 'Other';
		result.total += e.encodedDataLength;
		result.byType[type] = (result.byType[type] ?? 0) + e.encodedDataLength;
		result.requests++;
		result.finished.push(urls.get(e.requestId) ?? '');
		result.each.push([urls.get(e.requestId) ?? '', e.encodedDataLength]);
	});
	return result;
}

/** Loads `path` in `context` with the cache disabled and sums the encoded bytes of every response. */
async function measure(context: BrowserContext, baseUrl: string, path: string): Promise<Transfer> {
	const page = await context.newPage();
	const result = await recordTransfer(context, page, { cacheDisabled: true });
	await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
	await page.close();
	return result;
}

async function payloads(browser: Browser, baseUrl: string) {
	const rows: [string, Transfer][] = [];
	const lessonPath = `/learn/courses/${LESSON_COURSE}/lessons/${firstLessons[0]}`;
	// Visitors, with no account: the catalogue and a course's first lesson are open to them too.
	for (const [label, path] of [
		['/', '/'],
		['/signin', '/signin'],
		['/signup', '/signup'],
		['/learn/courses (catalogue, visitor)', '/learn/courses'],
		[`${lessonPath} (first lesson, visitor)`, lessonPath]
	]) {
		const context = await browser.newContext({
			viewport: { width: 360, height: 740 },
			serviceWorkers: 'block'
		});
		rows.push([label, await measure(context, baseUrl, path)]);
		await context.close();
	}
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		serviceWorkers: 'block'
	});
	const signUp = await context.request.post(`${baseUrl}/signup`, {
		form: {
			username: `bench${Date.now().toString(36)}`,
			password: 'measuring every byte',
			kind: 'learner',
			background: ''
		},
		headers: { origin: baseUrl }
	});
	if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()}`);
	rows.push(['/learn (learner home)', await measure(context, baseUrl, '/learn')]);
	rows.push(['/learn/courses (catalogue)', await measure(context, baseUrl, '/learn/courses')]);
	rows.push([`${lessonPath} (lesson)`, await measure(context, baseUrl, lessonPath)]);
	const next = await nextLessonBytes(context, baseUrl, lessonPath);
	await context.close();

	// Staff pages load a second script (the "staff" chunk) that learners never download.
	const staff = await browser.newContext({
		viewport: { width: 360, height: 740 },
		serviceWorkers: 'block'
	});
	const member = await staff.request.post(`${baseUrl}/signup`, {
		form: {
			username: `benchorg${Date.now().toString(36)}`,
			password: 'measuring every byte',
			kind: 'org_member',
			background: ''
		},
		headers: { origin: baseUrl }
	});
	if (!member.ok()) throw new Error(`sign-up failed: ${member.status()}`);
	rows.push(['/org (organization member)', await measure(staff, baseUrl, '/org')]);
	rows.push(['/author (organization member)', await measure(staff, baseUrl, '/author')]);
	await staff.close();
	return { rows, next };
}

const LESSON_COURSE = 'first-aid-basics';
const catalogue = readStarterCatalogue();
const firstAid = catalogue.find((b) => b.course.id === LESSON_COURSE)!;
const firstLessons = [...firstAid.lessons.keys()];

/**
 * Bytes moved by following "Next" once the app is loaded (a client-side navigation). Counted
 * from Playwright's own record of each finished request: a DevTools session opened on the page
 * after it had loaded missed the __data.json of the navigation in some runs, and the line read
 * "0.0 KB in 1 requests" (the favicon, from the cache).
 */
async function nextLessonBytes(
	context: BrowserContext,
	baseUrl: string,
	path: string
): Promise<Transfer> {
	const page = await context.newPage();
	await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
	const result: Transfer = { total: 0, byType: {}, requests: 0, finished: [], each: [] };
	const counted: Promise<void>[] = [];
	page.on('requestfinished', (request) => {
		counted.push(
			request.sizes().then((sizes) => {
				const bytes = sizes.responseHeadersSize + sizes.responseBodySize;
				const type = request.resourceType();
				result.total += bytes;
				result.byType[type] = (result.byType[type] ?? 0) + bytes;
				result.requests++;
				result.finished.push(request.url());
				result.each.push([request.url(), bytes]);
			})
		);
	});
	const data = page.waitForResponse((response) =>
		response.url().includes(`/lessons/${firstLessons[1]}/__data.json`)
	);
	await page
		.getByRole('link', { name: /Next lesson|နောက် သင်ခန်းစာ/ })
		.first()
		.click();
	await page.waitForURL(`**/lessons/${firstLessons[1]}`);
	await (await data).finished();
	await page.waitForLoadState('networkidle');
	await Promise.all(counted);
	if (!result.finished.some((url) => url.includes('/__data.json')))
		throw new Error("the next lesson's __data.json was not counted");
	await page.close();
	return result;
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
const first = await startApp(port);
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
const browser = await launchChromium();
const { rows, next } = await payloads(browser, first.baseUrl);
await browser.close();
await first.stop();

const restarts: number[] = [];
for (let i = 0; i < 5; i++) {
	const app = await startApp(port, first.databasePath);
	restarts.push(app.startedMs);
	await app.stop();
}
const hashes = await argon2Times();

/** The issues' 60 KB budget is for what visitors and learners open; staff pages are shown for reference. */
const budgeted = (path: string) => !/\((organization member|administrator)\)$/.test(path);
const fmt = (path: string, t: Transfer) =>
	`${kb(t.total)} | ${t.requests} | ${Object.entries(t.byType)
		.map(([k, v]) => `${k} ${kb(v)}`)
		.join(
			', '
		)} | ${!budgeted(path) ? 'no budget (staff page)' : t.total <= BUDGET ? 'within' : '**over**'}`;
console.log(
	`\n### bench:payload, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}\n`
);
console.log(
	'| first visit, empty cache | bytes (compressed) | requests | by type | budget 60 KB |'
);
console.log('|---|---|---|---|---|');
for (const [path, t] of rows) console.log(`| ${path} | ${fmt(path, t)} |`);
if (process.env.BENCH_DETAIL) {
	for (const [path, t] of rows) {
		console.log(`\n${path}:`);
		for (const [url, bytes] of t.each)
			console.log(`  ${String(bytes).padStart(7)}  ${url.replace(/^https?:\/\/[^/]+/, '')}`);
	}
}
console.log(
	`\nargon2id (m=19456, t=2, p=1) hash: median ${median(hashes).toFixed(1)} ms, min ${Math.min(...hashes).toFixed(1)} ms, max ${Math.max(...hashes).toFixed(1)} ms over ${hashes.length}`
);
console.log(
	`npm start, warm restart (no rebuild) to first /healthz answer: median ${median(restarts).toFixed(0)} ms (${restarts.map((t) => t.toFixed(0)).join(', ')} ms); first start of this run ${first.startedMs.toFixed(0)} ms`
);
console.log(
	`\nNext lesson once the app is loaded (client-side navigation): ${kb(next.total)} in ${next.requests} requests (budget 10 KB plus the lesson's images)`
);
if (process.env.BENCH_DETAIL)
	for (const [url, bytes] of next.each)
		console.log(`  ${String(bytes).padStart(7)}  ${url.replace(/^https?:\/\/[^/]+/, '')}`);
console.log(
	'\n| starter course | version | lessons | quizzes | images | total download (both languages) | budget 300 KB |'
);
console.log('|---|---|---|---|---|---|---|');
for (const bundle of catalogue) {
	const size = sizes.get(bundle.course.id) ?? 0;
	console.log(
		`| ${bundle.course.id} | ${bundle.course.version} | ${bundle.lessons.size} | ${bundle.quizzes.size} | ${bundle.images.size} | ${kb(size)} | ${size <= 300 * 1024 ? 'within' : '**over**'} |`
	);
}
const over = rows.filter(([path, t]) => budgeted(path) && t.total > BUDGET);
if (over.length) console.log(`\nOver budget: ${over.map(([p]) => p).join(', ')}`);
