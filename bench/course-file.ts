/**
 * `npm run bench:course-file`: a course as one signed file (content/courses/COURSE-FILE.md).
 * For every starter course: the file's size (as saved, and gzipped as a messenger might send
 * it), the server's time to build and sign it, and the phone's check in Node. In Chromium on a
 * 360 px phone profile: the time to open each file on the offline page (checked and stored),
 * and, for the largest course, the time to make the file from a download on "On this phone".
 * Prints Markdown for docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readStarterCatalogue } from '../src/lib/server/courses/content-files';
import { checkCourseFile, type PublicKey } from '../src/lib/offline/course-file';
import { kb, launchChromium, startApp } from './lib';

const app = await startApp(Number(process.env.BENCH_PORT ?? 4637));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-bench-file-'));
const browser = await launchChromium();
try {
	const { keys } = (await (await fetch(`${app.baseUrl}/api/courses/keys`)).json()) as {
		keys: PublicKey[];
	};
	const rows: string[] = [];
	const files: { id: string; file: string; bytes: number }[] = [];
	for (const { course } of readStarterCatalogue()) {
		const url = `${app.baseUrl}/api/courses/${course.id}/offline/file`;
		let started = performance.now();
		const first = Buffer.from(await (await fetch(url)).arrayBuffer());
		const firstMs = performance.now() - started;
		started = performance.now();
		await (await fetch(url)).arrayBuffer();
		const againMs = performance.now() - started;
		started = performance.now();
		const checked = await checkCourseFile(new Blob([first]), { keys });
		const checkMs = performance.now() - started;
		if (!checked.ok) throw new Error(`${course.id}: ${checked.error}`);
		const file = path.join(dir, `${course.id}.json`);
		fs.writeFileSync(file, first);
		files.push({ id: course.id, file, bytes: first.length });
		rows.push(
			`| ${course.id} | ${kb(first.length)} | ${kb(gzipSync(first).length)} | ${checked.value.files.length} | ${firstMs.toFixed(0)} / ${againMs.toFixed(0)} ms | ${checkMs.toFixed(0)} ms |`
		);
	}

	// Opening each file on a phone that opened the app (its shell kept), with no account.
	const context = await browser.newContext({
		baseURL: app.baseUrl,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await page.goto('/learn/courses');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 30_000
	});
	await page.goto('/offline');
	const opened: string[] = [];
	for (const { id, file, bytes } of files) {
		const input = page.getByLabel('သင်တန်းဖိုင် ဖွင့်ရန်');
		const started = performance.now();
		await input.setInputFiles(file);
		await page.getByRole('status').getByRole('link').first().waitFor();
		opened.push(`| ${id} | ${kb(bytes)} | ${(performance.now() - started).toFixed(0)} ms |`);
		await page.reload();
	}

	// A cheap phone: Chromium's CPU slowed 4 times. The longest task while opening the largest
	// course's file, and while refusing a 4.9 MB file (parsed whole before its signature fails).
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const big = path.join(dir, 'big.json');
	const padding = Buffer.alloc(3_600_000, 1).toString('base64');
	const real = JSON.parse(fs.readFileSync(files[0].file, 'utf8'));
	fs.writeFileSync(
		big,
		JSON.stringify({ ...real, files: [...real.files, { ...real.files[0], data: padding }] })
	);
	const largestFile = [...files].sort((a, b) => b.bytes - a.bytes)[0];
	const slow: string[] = [];
	for (const [label, file, expect] of [
		[largestFile.id, largestFile.file, 'link'],
		[`refused, ${kb(fs.statSync(big).size)}`, big, 'alert']
	] as const) {
		// The file is handed to the page before the clock starts, as a phone's file picker hands a
		// file on its storage: Playwright's setInputFiles would copy the bytes into the page on its
		// main thread, a cost of the test and not of the phone (it gave long tasks of 60-100 ms).
		const base64 = fs.readFileSync(file).toString('base64');
		await page.evaluate((base64) => {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			(window as unknown as { picked: File }).picked = new File([bytes], 'file.json');
		}, base64);
		await page.waitForTimeout(500);
		await page.evaluate(() => {
			const w = window as unknown as { longest: number };
			w.longest = 0;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
			}).observe({ type: 'longtask' });
		});
		const started = performance.now();
		await page.getByLabel('သင်တန်းဖိုင် ဖွင့်ရန်').evaluate((input: HTMLInputElement) => {
			const picked = new DataTransfer();
			picked.items.add((window as unknown as { picked: File }).picked);
			input.files = picked.files;
			input.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await (
			expect === 'link'
				? page.getByRole('status').getByRole('link').first()
				: page.getByRole('alert').first()
		).waitFor({ timeout: 60_000 });
		const ms = performance.now() - started;
		const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
		slow.push(`| ${label} | ${ms.toFixed(0)} ms | ${longest.toFixed(0)} ms |`);
		await page.reload();
	}
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

	// Making the file on the phone that downloaded the largest course.
	const sharer = await browser.newContext({
		baseURL: app.baseUrl,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const phone = await sharer.newPage();
	await phone.goto('/signup');
	await phone.getByLabel(/အသုံးပြုသူအမည်/).fill(`bench${Date.now().toString(36)}`);
	await phone.getByLabel(/^စကားဝှက်$/).fill('one pays the data for all');
	await phone.getByRole('button', { name: /အကောင့်ဖွင့်ရန်/ }).click();
	await phone.getByRole('list', { name: /ပြန်လည်ရယူရေးကုဒ်များ/ }).waitFor();
	await phone.goto(`/learn/courses/${largestFile.id}`);
	await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 30_000
	});
	await phone.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
	await phone.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်').waitFor({ timeout: 60_000 });
	await phone.goto('/learn/downloads');
	const started = performance.now();
	await phone.getByRole('button', { name: / ကို မျှဝေရန် ဖိုင်လုပ်ရန်$/ }).click();
	await phone.getByText(/^ဖိုင် အဆင်သင့် - /).waitFor();
	const exportMs = performance.now() - started;

	console.log(
		'| Course | File | Gzipped | Files in it | Server: first / built before | Check (Node) |'
	);
	console.log('| --- | --- | --- | --- | --- | --- |');
	for (const row of rows) console.log(row);
	console.log('\n| Course | File | Opened on the offline page (checked and stored), Chromium |');
	console.log('| --- | --- | --- |');
	for (const row of opened) console.log(row);
	console.log('\n| CPU slowed 4× | Opened or refused | Longest task (over 50 ms only) |');
	console.log('| --- | --- | --- |');
	for (const row of slow) console.log(row);
	console.log(
		`\nMade into a file on "On this phone" (${largestFile.id}, ${kb(largestFile.bytes)}): ${exportMs.toFixed(0)} ms from the tap to the size shown.`
	);
} finally {
	await browser.close();
	await app.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}
