/**
 * `npm run bench:offline`: what the service worker keeps on the phone (the app shell, bytes as
 * sent with brotli), and how long until a lesson's text is visible on Chromium's emulated slow
 * 3G (400 kbit/s, 400 ms round trip), on a first visit and on a repeat visit once the app shell
 * is on the phone; and the bytes that cross the network when a learner, online, opens a lesson
 * of a course already downloaded (counted by a proxy between the browser and the server, so
 * the service worker's own requests count too). Prints Markdown for docs/benchmarks.md.
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readStarterCatalogue } from '../src/lib/server/courses/content-files';
import { kb, launchChromium, median, startApp } from './lib';

const SHELL_BUDGET = 100 * 1024;

/** Bytes of `url` on the wire with brotli, headers excluded (what the service worker downloads). */
function brotliBytes(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
				let size = 0;
				res.on('data', (chunk: Buffer) => (size += chunk.length));
				res.on('end', () => resolve(size));
			})
			.on('error', reject);
	});
}

// Chromium's "Slow 3G" preset: 400 ms round trip, 400 kbit/s each way.
const SLOW_3G = {
	offline: false,
	latency: 400,
	downloadThroughput: (400 * 1000) / 8,
	uploadThroughput: (400 * 1000) / 8
};

async function slow3g(context: BrowserContext, page: Page) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
}

/**
 * Throttles the service worker too: the page's emulation does not reach the requests a
 * service worker makes (it forwards every page request to the network).
 */
async function slow3gWorkers(browser: Browser) {
	const cdp = await browser.newBrowserCDPSession();
	const { targetInfos } = await cdp.send('Target.getTargets');
	let id = 1;
	for (const target of targetInfos.filter((t) => t.type === 'service_worker')) {
		const { sessionId } = await cdp.send('Target.attachToTarget', {
			targetId: target.targetId,
			flatten: false
		});
		for (const [method, params] of [
			['Network.enable', {}],
			['Network.emulateNetworkConditions', SLOW_3G]
		] as const) {
			await cdp.send('Target.sendMessageToTarget', {
				sessionId,
				message: JSON.stringify({ id: id++, method, params })
			});
		}
	}
	return targetInfos.filter((t) => t.type === 'service_worker').length;
}

/** Milliseconds from starting to load `url` until the lesson's text is on screen. */
async function timeToText(page: Page, url: string): Promise<number> {
	const start = Date.now();
	await page.goto(url, { waitUntil: 'commit' });
	await page.locator('article.lesson p').first().waitFor({ state: 'visible', timeout: 60_000 });
	return Date.now() - start;
}

/** A TCP proxy in front of the app that counts every byte each way. */
async function countingProxy(target: URL): Promise<{
	url: string;
	bytes: () => number;
	requests: () => string[];
	reset: () => void;
	close: () => void;
}> {
	let bytes = 0;
	let requests: string[] = [];
	const server = net.createServer((client) => {
		const upstream = net.connect(Number(target.port), target.hostname);
		client.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			const line = /^(GET|POST|HEAD) (\S+)/.exec(chunk.toString('latin1'));
			if (line) requests.push(line[2].split('?')[0]);
		});
		upstream.on('data', (chunk: Buffer) => (bytes += chunk.length));
		client.pipe(upstream).on('error', () => client.destroy());
		upstream.pipe(client).on('error', () => upstream.destroy());
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		bytes: () => bytes,
		requests: () => requests,
		reset: () => {
			bytes = 0;
			requests = [];
		},
		close: () => server.close()
	};
}

/** Waits until nothing has crossed the proxy for five seconds (the browser checks its service worker a little after a page loads). */
async function quiet(proxy: { bytes: () => number }) {
	for (let last = -1; last !== proxy.bytes();) {
		last = proxy.bytes();
		await new Promise((resolve) => setTimeout(resolve, 5000));
	}
}

const app = await startApp(Number(process.env.BENCH_PORT ?? 3223));
const browser = await launchChromium();
const course = readStarterCatalogue().find((b) => b.course.id === 'first-aid-basics')!;
const lessons = [...course.lessons.keys()];

// The app shell: everything the service worker keeps once a later visit (a new tab) has
// brought what the first did not (src/lib/pwa/shell.ts).
const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
const firstVisit = await context.newPage();
await firstVisit.goto(app.baseUrl + '/');
await firstVisit.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
	timeout: 30_000
});
await firstVisit.close();
const page = await context.newPage();
await page.goto(app.baseUrl + '/');
for (let waited = 0; ; waited += 250) {
	const kept = await page.evaluate(async () => {
		for (const name of await caches.keys())
			if (await (await caches.open(name)).match('/offline/reader')) return true;
		return false;
	});
	if (kept) break;
	if (waited > 30_000) throw new Error('the later visit kept no offline reader');
	await new Promise((resolve) => setTimeout(resolve, 250));
}
const cached = await page.evaluate(async () => {
	const urls: string[] = [];
	for (const name of await caches.keys())
		for (const request of await (await caches.open(name)).keys())
			urls.push(new URL(request.url).pathname);
	return urls;
});
let shell = 0;
for (const url of cached) shell += await brotliBytes(app.baseUrl + url);
await context.close();

// Each starter course's download: its files as listed by the manifest, sent with brotli.
const downloads: [string, number, number, number][] = [];
for (const bundle of readStarterCatalogue()) {
	const manifest = (await (
		await fetch(`${app.baseUrl}/api/courses/${bundle.course.id}/offline`)
	).json()) as { files: { url: string; bytes: number }[]; bytes: number };
	let wire = 0;
	for (const file of manifest.files) wire += await brotliBytes(app.baseUrl + file.url);
	downloads.push([bundle.course.id, manifest.files.length, manifest.bytes, wire]);
}

// Time to a lesson's text on slow 3G: a learner signed in, first visit, then a repeat visit.
const firsts: number[] = [];
const repeats: number[] = [];
for (let run = 0; run < 3; run++) {
	const learner = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const signUp = await learner.request.post(`${app.baseUrl}/signup`, {
		form: {
			username: `offline${run}${Date.now().toString(36)}`,
			password: 'measuring every byte',
			kind: 'learner',
			background: ''
		},
		headers: { origin: app.baseUrl }
	});
	if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()}`);
	const tab = await learner.newPage();
	await slow3g(learner, tab);
	firsts.push(
		await timeToText(tab, `${app.baseUrl}/learn/courses/${course.course.id}/lessons/${lessons[0]}`)
	);
	await tab.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 60_000
	});
	await tab.waitForLoadState('networkidle');
	if ((await slow3gWorkers(browser)) === 0) throw new Error('no service worker to throttle');
	repeats.push(
		await timeToText(tab, `${app.baseUrl}/learn/courses/${course.course.id}/lessons/${lessons[1]}`)
	);
	await learner.close();
}
// Opening lessons of a downloaded course with the network on: bytes through the proxy.
const proxy = await countingProxy(new URL(app.baseUrl));
const reader = await browser.newContext({
	viewport: { width: 360, height: 740 },
	isMobile: true,
	hasTouch: true
});
const signUp = await reader.request.post(`${proxy.url}/signup`, {
	form: {
		username: `reader${Date.now().toString(36)}`,
		password: 'measuring every byte',
		kind: 'learner',
		background: ''
	},
	headers: { origin: app.baseUrl }
});
if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()}`);
const tab = await reader.newPage();
await tab.goto(`${proxy.url}/learn/courses/${course.course.id}`);
await tab.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
	timeout: 30_000
});
await tab.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
await tab.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်').waitFor();
await quiet(proxy);
proxy.reset();
await tab.getByRole('link', { name: course.course.modules[0].lessons[0].title.my }).tap();
await tab.locator('article.lesson p').first().waitFor();
await quiet(proxy);
const byLink = proxy.bytes();
const byLinkRequests = proxy.requests();
proxy.reset();
await tab.goto(`${proxy.url}/learn/courses/${course.course.id}/lessons/${lessons[1]}`);
await tab.locator('article.lesson p').first().waitFor();
await quiet(proxy);
const byAddress = proxy.bytes();
const byAddressRequests = proxy.requests();
await reader.close();
proxy.close();
await browser.close();
await app.stop();

console.log(
	`\n### bench:offline, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}\n`
);
console.log(
	`App shell kept by the service worker: ${kb(shell)} in ${cached.length} files, brotli (budget 100 KB: ${shell <= SHELL_BUDGET ? 'within' : '**over**'})`
);
console.log('\n| starter course download | files | bytes | on the wire (brotli) |');
console.log('|---|---|---|---|');
for (const [id, files, bytes, wire] of downloads)
	console.log(`| ${id} | ${files} | ${kb(bytes)} | ${kb(wire)} |`);
console.log(
	`\nLesson text visible on slow 3G (400 kbit/s, 400 ms), median of ${firsts.length}: first visit ${median(firsts)} ms (${firsts.join(', ')}); repeat visit with the shell on the phone ${median(repeats)} ms (${repeats.join(', ')})`
);
const asked = (paths: string[]) => (paths.length ? paths.join(', ') : 'nothing');
console.log(
	`\nOpening a lesson of a downloaded course with the network on (budget 0), every byte between browser and server, service worker included: ${byLink} bytes when tapped in the course's outline (requests: ${asked(byLinkRequests)}), ${byAddress} bytes when opened by its address (requests: ${asked(byAddressRequests)})`
);
