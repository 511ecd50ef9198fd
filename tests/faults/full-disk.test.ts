/**
 * The real server with a full and then a busy database (issue 7.3). Full: the operator's cap
 * (DATABASE_MAX_MB) is reached, here by other data taking the space, then by the app's own
 * writes; writes are answered 503 with Retry-After and a translated "try again later" (page
 * form, enhanced form, /api), nothing is half-written, and once rows are deleted writes work
 * again, with no restart. Busy: another connection holds the write lock past DATABASE_BUSY_MS;
 * writes get the same 503 after waiting that long, reads go on, and the release ends it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../helpers/app';

const PORT = Number(process.env.FULL_DISK_PORT ?? 3651);
// Room for the starter courses (4.5 MB seeded in December 2026) and what is added later.
const CAP_MB = 16;
const BUSY_MS = 400;
const COURSE = 'first-aid-basics';
const LESSONS: string[] = JSON.parse(
	fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8')
).modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));

const MESSAGES = {
	my: JSON.parse(fs.readFileSync('messages/my.json', 'utf8')) as Record<string, string>,
	en: JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>
};

let app: App;
let side: Database.Database;
let eventCounter = 0;

/** One phone: a session cookie and a language. */
class Phone {
	cookie = '';
	constructor(readonly locale: 'my' | 'en') {}

	async request(pathname: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set('cookie', [this.cookie, `lang=${this.locale}`].filter(Boolean).join('; '));
		if (init.method === 'POST') headers.set('origin', app.baseUrl);
		const response = await fetch(app.baseUrl + pathname, { ...init, headers, redirect: 'manual' });
		const set = response.headers.getSetCookie().find((c) => c.startsWith('sid='));
		if (set) this.cookie = set.split(';')[0];
		return response;
	}

	/** Sign-up as a form without JavaScript posts it (`enhanced`: as use:enhance does). */
	signUp(username: string, { enhanced = false } = {}) {
		const body = new URLSearchParams({
			username,
			password: 'rice fields at dawn',
			kind: 'learner',
			background: ''
		});
		const headers: Record<string, string> = {
			'content-type': 'application/x-www-form-urlencoded',
			accept: enhanced ? 'application/json' : 'text/html'
		};
		if (enhanced) headers['x-sveltekit-action'] = 'true';
		return this.request('/signup', { method: 'POST', body, headers });
	}

	/** A batch of `count` lessons marked done offline, as the outbox sends it. */
	sync(count: number, prefix = 'fill') {
		const events = Array.from({ length: count }, () => {
			const n = eventCounter++;
			return {
				id: `${prefix}-${n}-event`,
				type: 'lesson_done',
				courseId: COURSE,
				lessonId: LESSONS[n % 3],
				at: Date.now()
			};
		});
		return this.request('/api/sync', {
			method: 'POST',
			body: JSON.stringify({ events }),
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		});
	}
}

const names = {
	n: 0,
	next: (prefix: string) => `${prefix}${Date.now().toString(36)}${(names.n++).toString(36)}`
};

function count(query: string, ...params: unknown[]): number {
	return (side.prepare(query).get(...params) as { n: number }).n;
}

/** Nothing half-written: every account has its ten recovery codes, every claimed event its lesson. */
function expectConsistent(learnerId: string) {
	expect(
		count(
			'select count(*) as n from user u where (select count(*) from recovery_code c where c.user_id = u.id) != 10'
		)
	).toBe(0);
	const claimed = side
		.prepare("select event_id from sync_event where user_id = ? and status = 'applied'")
		.all(learnerId) as { event_id: string }[];
	const lessonsClaimed = new Set(claimed.map((c) => LESSONS[Number(c.event_id.split('-')[1]) % 3]));
	const done = side
		.prepare('select lesson_id from lesson_progress where user_id = ?')
		.all(learnerId) as { lesson_id: string }[];
	expect(new Set(done.map((d) => d.lesson_id))).toEqual(lessonsClaimed);
}

async function expectRefusedPage(response: Response, locale: 'my' | 'en') {
	expect(response.status).toBe(503);
	expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
	const html = await response.text();
	expect(html).toContain(MESSAGES[locale].error_unavailable_title);
	expect(html).toContain(MESSAGES[locale].error_unavailable);
}

async function expectRefusedJson(response: Response, locale: 'my' | 'en') {
	expect(response.status).toBe(503);
	expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
	const body = await response.json();
	// /api answers { message }; an enhanced form action its { type: 'error', error: { message } }.
	expect(body.message ?? body.error?.message).toBe(MESSAGES[locale].error_unavailable);
}

let learner: Phone;
let learnerId: string;

beforeAll(async () => {
	// One learner's syncs fill the database here, far past a day's quota of events.
	app = await startApp(PORT, undefined, {
		DATABASE_MAX_MB: String(CAP_MB),
		DATABASE_BUSY_MS: String(BUSY_MS),
		SYNC_EVENTS_PER_DAY: '1000000'
	});
	side = new Database(app.databasePath);
	side.pragma('busy_timeout = 5000');
	learner = new Phone('en');
	const name = names.next('offline');
	expect((await learner.signUp(name)).status).toBe(200);
	learnerId = (side.prepare('select id from user where username = ?').get(name) as { id: string })
		.id;
});

afterAll(async () => {
	side?.close();
	await app?.stop();
	if (app) fs.rmSync(path.dirname(app.databasePath), { recursive: true, force: true });
});

describe('a full database', () => {
	it('answers writes 503 in the person language, keeps every write whole, and takes writes again once space returns, without a restart', async () => {
		// Other data takes the space up to the cap: no free page is left for the app.
		const capPages =
			(CAP_MB * 1024 * 1024) / (side.pragma('page_size', { simple: true }) as number);
		side.exec('create table disk_filler (b blob)');
		const fill = side.prepare('insert into disk_filler (b) values (zeroblob(?))');
		while ((side.pragma('page_count', { simple: true }) as number) < capPages) fill.run(16 * 1024);
		expect(side.pragma('freelist_count', { simple: true })).toBe(0);

		// The app's own writes use what room is left inside its pages, until the first refusal.
		let refusedSync: Response | undefined;
		for (let i = 0; i < 50 && !refusedSync; i++) {
			const response = await learner.sync(100);
			if (response.status !== 200) refusedSync = response;
		}
		await expectRefusedJson(refusedSync!, 'en');
		expectConsistent(learnerId);

		// A page's form without JavaScript, in Burmese: the error page, with status 503.
		// Each attempt from a new phone: a signed-up phone is sent home from the sign-up page.
		let refusedPage: Response | undefined;
		let refusedName = '';
		let burmese = new Phone('my');
		for (let i = 0; i < 30 && !refusedPage; i++) {
			refusedName = names.next('late');
			burmese = new Phone('my');
			const response = await burmese.signUp(refusedName);
			if (response.status !== 200) refusedPage = response;
		}
		await expectRefusedPage(refusedPage!, 'my');
		expect(count('select count(*) as n from user where username = ?', refusedName)).toBe(0);
		expect(burmese.cookie).toBe('');

		// The same form enhanced, in English: the action's JSON error, with status 503.
		let refusedAction: Response | undefined;
		for (let i = 0; i < 30 && !refusedAction; i++) {
			const response = await new Phone('en').signUp(names.next('later'), { enhanced: true });
			if (response.status !== 200) refusedAction = response;
		}
		await expectRefusedJson(refusedAction!, 'en');
		expectConsistent(learnerId);

		// Reading still works while full.
		expect((await learner.request('/learn')).status).toBe(200);

		// Space returns (the operator deletes rows): the same server takes writes again at once.
		const pid = app.process.pid;
		const freed = performance.now();
		side.exec('delete from disk_filler');
		const again = await learner.sync(100);
		const recoveredMs = performance.now() - freed;
		expect(again.status).toBe(200);
		expect(
			((await again.json()) as { results: { status: string }[] }).results.every(
				(r) => r.status === 'applied'
			)
		).toBe(true);
		expect((await new Phone('my').signUp(names.next('welcome'))).status).toBe(200);
		expect(app.process.pid).toBe(pid);
		expect(app.process.exitCode).toBe(null);
		expectConsistent(learnerId);
		side.exec('drop table disk_filler');
		console.log(
			`full: writes answered again ${Math.round(recoveredMs)} ms after the rows were deleted`
		);
	});
});

describe('a busy database', () => {
	it('answers writes 503 after the busy timeout while another connection holds the write lock, keeps reads going, and recovers at release', async () => {
		side.exec('begin immediate');
		let releasedAt = 0;
		try {
			const started = performance.now();
			const refused = await learner.sync(5, 'busy');
			const waitedMs = performance.now() - started;
			await expectRefusedJson(refused, 'en');
			expect(waitedMs).toBeGreaterThanOrEqual(BUSY_MS);

			const form = await new Phone('my').signUp(names.next('busy'), { enhanced: true });
			await expectRefusedJson(form, 'my');

			const pageStarted = performance.now();
			expect((await learner.request('/learn')).status).toBe(200);
			const pageMs = performance.now() - pageStarted;
			const apiStarted = performance.now();
			expect((await learner.request(`/api/courses/versions?ids=${COURSE}`)).status).toBe(200);
			const apiMs = performance.now() - apiStarted;
			// A write that waits blocks the server's one thread (better-sqlite3 is synchronous): a
			// read sent at the same time is answered only after it. Measured, not asserted.
			const [, concurrentMs] = await Promise.all([
				learner.sync(1, 'blocked'),
				(async () => {
					await new Promise((r) => setTimeout(r, 50));
					const t = performance.now();
					await fetch(`${app.baseUrl}/api/courses/versions?ids=${COURSE}`);
					return performance.now() - t;
				})()
			]);
			console.log(
				`busy: a read sent while a write waits answered in ${Math.round(concurrentMs)} ms`
			);
			console.log(
				`busy: a write waited ${Math.round(waitedMs)} ms (DATABASE_BUSY_MS=${BUSY_MS}) before its 503; reads meanwhile: /learn ${Math.round(pageMs)} ms, /api/courses/versions ${Math.round(apiMs)} ms`
			);
		} finally {
			side.exec('rollback');
			releasedAt = performance.now();
		}
		const after = await learner.sync(5, 'after');
		expect(after.status).toBe(200);
		console.log(
			`busy: first write after the release answered in ${Math.round(performance.now() - releasedAt)} ms`
		);
		expectConsistent(learnerId);
	});
});
