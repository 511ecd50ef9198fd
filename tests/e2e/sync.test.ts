/** The sync endpoint: a phone's offline progress applied once, answered per event. */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, uniqueName } from './support';

const COURSE = 'computer-basics';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));
const lessons: string[] = course.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));

let db: Database.Database;
beforeAll(() => {
	db = new Database(inject('databasePath'), { readonly: true });
});
afterAll(() => db.close());

const send = (client: Client, body: unknown) =>
	client.request('/api/sync', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', accept: 'application/json' } });

describe('POST /api/sync', () => {
	it('applies lessons done offline once, however often the phone sends them', async () => {
		const client = new Client('en');
		const name = uniqueName('syncer');
		await client.signUp(name);
		const userId = (db.prepare('select id from user where username = ?').get(name) as { id: string }).id;
		const events = lessons.map((lessonId, i) => ({ id: `phone-event-${i}-${name}`, type: 'lesson_done', courseId: COURSE, lessonId, at: Date.now() - 60_000 + i }));
		const first = await send(client, { events });
		expect(first.status).toBe(200);
		expect((await first.json()).results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'applied'));
		const again = await send(client, { events: [...events].reverse() });
		expect((await again.json()).results.every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
		expect(db.prepare('select count(*) n from lesson_progress where user_id = ?').get(userId)).toEqual({ n: lessons.length });
		expect(db.prepare('select count(*) n from sync_event where user_id = ?').get(userId)).toEqual({ n: lessons.length });
	});

	it('refuses a malformed batch with a translated 400 and applies nothing; only learners may sync', async () => {
		const client = new Client('my');
		const name = uniqueName('badsync');
		await client.signUp(name);
		for (const body of [{ events: 'x' }, { events: [{ id: 'short', type: 'lesson_done', courseId: COURSE, lessonId: lessons[0], at: 1 }] }, { events: Array(101).fill({ id: 'aaaaaaaa', type: 'lesson_done', courseId: COURSE, lessonId: lessons[0], at: 1 }) }]) {
			const response = await send(client, body);
			expect(response.status).toBe(400);
			expect(await response.text()).toMatch(/[\u1000-\u109f]/);
		}
		const form = await client.post('/api/sync', { events: '[]' });
		expect(form.status).toBe(400);
		const userId = (db.prepare('select id from user where username = ?').get(name) as { id: string }).id;
		expect(db.prepare('select count(*) n from sync_event where user_id = ?').get(userId)).toEqual({ n: 0 });

		const member = new Client('en');
		await member.signUp(uniqueName('orgsync'), 'org_member');
		expect((await send(member, { events: [] })).status).toBe(403);
	});
});

describe('GET /api/courses/versions', () => {
	it('tells a phone the current version of each course it downloaded, and refuses a bad list with a translated 400', async () => {
		const client = new Client('my');
		const ask = (ids: string) => client.request(`/api/courses/versions?ids=${ids}`, { headers: { accept: 'application/json' } });
		const good = await ask(`${COURSE},no-such-course`);
		expect(good.status).toBe(200);
		const version = (db.prepare('select version from course where id = ?').get(COURSE) as { version: number }).version;
		expect(await good.json()).toEqual({ versions: { [COURSE]: version, 'no-such-course': null } });
		for (const ids of ['', '..%2Fetc', 'A,B', Array.from({ length: 51 }, (_, i) => `c${i}`).join(','), 'x'.repeat(5000)]) {
			const response = await ask(ids);
			expect(response.status).toBe(400);
			expect((await response.json()).message).toMatch(/[\u1000-\u109f]/);
		}
	});
});
