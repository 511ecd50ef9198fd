/** The sync endpoint: a phone's offline progress applied once, answered per event. */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, uniqueName } from './support';
import { QUOTAS } from '$lib/server/quotas';

const COURSE = 'computer-basics';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));
const lessons: string[] = course.modules.flatMap((m: { lessons: { id: string }[] }) =>
	m.lessons.map((l) => l.id)
);

let db: Database.Database;
beforeAll(() => {
	db = new Database(inject('databasePath'), { readonly: true });
});
afterAll(() => db.close());

const send = (client: Client, body: unknown) =>
	client.request('/api/sync', {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json', accept: 'application/json' }
	});

describe('POST /api/sync', () => {
	it('applies lessons done offline once, however often the phone sends them', async () => {
		const client = new Client('en');
		const name = uniqueName('syncer');
		await client.signUp(name);
		const userId = (
			db.prepare('select id from user where username = ?').get(name) as { id: string }
		).id;
		const events = lessons.map((lessonId, i) => ({
			id: `phone-event-${i}-${name}`,
			type: 'lesson_done',
			courseId: COURSE,
			lessonId,
			at: Date.now() - 60_000 + i
		}));
		const first = await send(client, { events });
		expect(first.status).toBe(200);
		expect((await first.json()).results.map((r: { status: string }) => r.status)).toEqual(
			events.map(() => 'applied')
		);
		const again = await send(client, { events: [...events].reverse() });
		expect(
			(await again.json()).results.every((r: { status: string }) => r.status === 'duplicate')
		).toBe(true);
		expect(
			db.prepare('select count(*) n from lesson_progress where user_id = ?').get(userId)
		).toEqual({ n: lessons.length });
		expect(db.prepare('select count(*) n from sync_event where user_id = ?').get(userId)).toEqual({
			n: lessons.length
		});
	});

	it('refuses a malformed batch with a translated 400 and applies nothing; only learners may sync', async () => {
		const client = new Client('my');
		const name = uniqueName('badsync');
		await client.signUp(name);
		for (const body of [
			{ events: 'x' },
			{
				events: [
					{ id: 'short', type: 'lesson_done', courseId: COURSE, lessonId: lessons[0], at: 1 }
				]
			},
			{
				events: Array(101).fill({
					id: 'aaaaaaaa',
					type: 'lesson_done',
					courseId: COURSE,
					lessonId: lessons[0],
					at: 1
				})
			}
		]) {
			const response = await send(client, body);
			expect(response.status).toBe(400);
			expect(await response.text()).toMatch(/[\u1000-\u109f]/);
		}
		const form = await client.post('/api/sync', { events: '[]' });
		expect(form.status).toBe(400);
		const userId = (
			db.prepare('select id from user where username = ?').get(name) as { id: string }
		).id;
		expect(db.prepare('select count(*) n from sync_event where user_id = ?').get(userId)).toEqual({
			n: 0
		});

		const member = new Client('en');
		await member.signUp(uniqueName('orgsync'), 'org_member');
		expect((await send(member, { events: [] })).status).toBe(403);
	});
});

describe('POST /api/sync limits', () => {
	it('refuses a body larger than a batch ever is with a translated 413 at once, and deep nesting with a translated 400', async () => {
		const client = new Client('my');
		await client.signUp(uniqueName('bigsync'));
		// 5.6 MiB of nested arrays, as the security review sent: held the server 1.7 s before.
		const nested = `{"events":[${'['.repeat(2_900_000)}${']'.repeat(2_900_000)}]}`;
		const started = performance.now();
		const big = await client.request('/api/sync', {
			method: 'POST',
			body: nested,
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		});
		expect(big.status).toBe(413);
		expect((await big.json()).message).toMatch(/[\u1000-\u109f]/);
		expect(performance.now() - started).toBeLessThan(1500);
		// Within the size limit but nested past any batch: refused before parsing.
		const deep = `{"events":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
		const refused = await client.request('/api/sync', {
			method: 'POST',
			body: deep,
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		});
		expect(refused.status).toBe(400);
		expect((await refused.json()).message).toMatch(/[\u1000-\u109f]/);
		// The connection and the server go on answering.
		expect((await send(client, { events: [] })).status).toBe(200);
	});

	it('refuses events past the day’s quota with a translated 429 and Retry-After, and writes none of the batch', async () => {
		const client = new Client('en');
		const name = uniqueName('quotasync');
		await client.signUp(name);
		const userId = (
			db.prepare('select id from user where username = ?').get(name) as { id: string }
		).id;
		const batch = (from: number, count: number) => ({
			events: Array.from({ length: count }, (_, i) => ({
				id: `quota-event-${from + i}`,
				type: 'lesson_done',
				courseId: COURSE,
				lessonId: 'no-such-lesson',
				at: Date.now()
			}))
		});
		for (let i = 0; i < QUOTAS.syncEvents; i += 100)
			expect((await send(client, batch(i, Math.min(100, QUOTAS.syncEvents - i)))).status).toBe(200);
		const over = await send(client, batch(QUOTAS.syncEvents - 1, 2));
		expect(over.status).toBe(429);
		expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
		expect((await over.json()).message).toMatch(
			/^A lot of progress was saved from this account today\. The rest stays on this phone and is sent in about 24 hours\.$/
		);
		expect(db.prepare('select count(*) n from sync_event where user_id = ?').get(userId)).toEqual({
			n: QUOTAS.syncEvents
		});
		// Sent again, events already had are answered as before.
		expect((await send(client, batch(0, 3))).status).toBe(200);
	});
});

describe('GET /api/courses/versions', () => {
	it('tells a phone the current version of each course it downloaded, and refuses a bad list with a translated 400', async () => {
		const client = new Client('my');
		const ask = (ids: string) =>
			client.request(`/api/courses/versions?ids=${ids}`, {
				headers: { accept: 'application/json' }
			});
		const good = await ask(`${COURSE},no-such-course`);
		expect(good.status).toBe(200);
		const version = (
			db.prepare('select version from course where id = ?').get(COURSE) as { version: number }
		).version;
		expect(await good.json()).toEqual({ versions: { [COURSE]: version, 'no-such-course': null } });
		for (const ids of [
			'',
			'..%2Fetc',
			'A,B',
			Array.from({ length: 51 }, (_, i) => `c${i}`).join(','),
			'x'.repeat(5000)
		]) {
			const response = await ask(ids);
			expect(response.status).toBe(400);
			expect((await response.json()).message).toMatch(/[\u1000-\u109f]/);
		}
	});
});
