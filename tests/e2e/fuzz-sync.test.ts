/**
 * The offline-sync endpoint (src/lib/server/courses/sync.ts), fed generated batches: malformed
 * ones are refused whole with a translated 400; well-formed ones are answered event by event
 * (applied once, duplicate after, rejected for a course, lesson or quiz that does not exist),
 * future times are never stored, and nothing is ever written for another learner, whose event
 * ids, user ids and courses the batches forge.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, uniqueName } from './support';
import { QUOTAS } from '$lib/server/quotas';
import { SYNC_BODY_MAX, SYNC_DEPTH_MAX } from '$lib/sync-limits';
import {
	announce,
	check,
	DatabaseWatch,
	expectNormalised,
	hostileText,
	judge,
	runs,
	sent,
	textOf,
	ZAWGYI
} from './fuzz-support';

const FILE = 'tests/e2e/fuzz-sync.test.ts';

const COURSE = 'computer-basics';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));
const lessons: string[] = course.modules.flatMap((m: { lessons: { id: string }[] }) =>
	m.lessons.map((l) => l.id)
);
const quizzes: string[] = course.modules.map((m: { quiz: string }) => m.quiz);
const questions: string[] = JSON.parse(
	fs.readFileSync(`content/courses/${COURSE}/quizzes/${quizzes[0]}.json`, 'utf8')
).questions.map((q: { id: string }) => q.id);
const OTHER_COURSE = 'first-aid-basics';
const otherLessons: string[] = JSON.parse(
	fs.readFileSync(`content/courses/${OTHER_COURSE}/course.json`, 'utf8')
).modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));

let db: Database.Database;
let watch: DatabaseWatch;
const learner = { a: new Client('my'), b: new Client('en') };
const ids = { a: '', b: '' };
/** Event ids learner B synced: forged into A's batches, they must count for A alone. */
const eventsOfB: string[] = [];
/** Event ids A's accepted batches carried: each is a duplicate from then on. */
let seenByA = new Set<string>();
/**
 * Every learner who played A, with the ids their accepted batches carried. A batch that would
 * take A past the day's quota of events is refused whole (429), and a new learner takes A's place.
 */
const learnersA: { id: string; seen: Set<string> }[] = [];

async function newLearnerA() {
	learner.a = new Client('my');
	const name = uniqueName('fuzzsynca');
	expect((await learner.a.signUp(name)).status).toBe(200);
	ids.a = (db.prepare('select id from user where username = ?').get(name) as { id: string }).id;
	seenByA = new Set();
	learnersA.push({ id: ids.a, seen: seenByA });
}

const userRows = (userId: string) =>
	JSON.stringify(
		['lesson_progress', 'quiz_attempt', 'sync_event', 'enrolment', 'certificate'].map((t) =>
			db.prepare(`select * from "${t}" where user_id = ? order by rowid`).all(userId)
		)
	);

const post = (client: Client, body: string, type: string | null, locale: 'my' | 'en') => {
	client.locale = locale;
	sent.count++;
	const headers: Record<string, string> = { accept: 'application/json' };
	if (type) headers['content-type'] = type;
	return client.request('/api/sync', { method: 'POST', body, headers });
};

beforeAll(async () => {
	announce(FILE);
	db = new Database(inject('databasePath'), { readonly: true });
	watch = new DatabaseWatch();
	const name = uniqueName('fuzzsyncb');
	expect((await learner.b.signUp(name)).status).toBe(200);
	ids.b = (db.prepare('select id from user where username = ?').get(name) as { id: string }).id;
	await newLearnerA();
	const events = otherLessons.map((lessonId, i) => ({
		id: `b-event-${i}-${ids.b}`.slice(0, 64),
		type: 'lesson_done',
		courseId: OTHER_COURSE,
		lessonId,
		at: Date.now() - 1000
	}));
	const response = await post(learner.b, JSON.stringify({ events }), 'application/json', 'en');
	expect(response.status).toBe(200);
	eventsOfB.push(...events.map((e) => e.id));
});
afterAll(() => {
	db.close();
	watch.close();
	console.log(`fuzz-sync: ${sent.count} payloads sent`);
});

interface Generated {
	event: Record<string, unknown>;
	/** False when the event breaks the endpoint's schema: the whole batch is then refused. */
	wellFormed: boolean;
	/** For a well-formed event: whether it names a course, lesson or quiz that exists. */
	known: boolean;
}

const eventId = fc.oneof(
	fc.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
	// Read when generated: B's ids exist only once beforeAll ran.
	fc.nat().map((i) => eventsOfB[i % eventsOfB.length]),
	fc.constantFrom('repeated-event-1', 'repeated-event-2')
);
const at = fc.oneof(
	fc.integer({ min: 0, max: Date.now() }),
	// The future, up to far beyond any phone's clock error.
	fc.integer({ min: Date.now() + 60_000, max: Number.MAX_SAFE_INTEGER })
);
const forged = fc.record(
	{
		userId: fc.constant('B'),
		user_id: fc.constant('B'),
		status: fc.constantFrom('applied', 'rejected'),
		received_at: fc.integer()
	},
	{ requiredKeys: [] }
);

const lessonDone: fc.Arbitrary<Generated> = fc
	.tuple(
		eventId,
		fc.constantFrom(...lessons, ...otherLessons, 'no-such-lesson'),
		fc.constantFrom(COURSE, OTHER_COURSE, 'no-such-course'),
		at,
		forged
	)
	.map(([id, lessonId, courseId, time, extra]) => ({
		event: { ...extra, id, type: 'lesson_done', courseId, lessonId, at: time },
		wellFormed: true,
		known:
			(courseId === COURSE && lessons.includes(lessonId)) ||
			(courseId === OTHER_COURSE && otherLessons.includes(lessonId))
	}));

const answer = fc.oneof(
	fc.constantFrom(...ZAWGYI),
	fc.string({ maxLength: 20 }),
	fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
	fc.boolean(),
	fc.constantFrom('ok\u0000', 'ctl\u001b')
);
const quizAttempt: fc.Arbitrary<Generated> = fc
	.tuple(
		eventId,
		fc.constantFrom(...quizzes, 'no-such-quiz'),
		fc.dictionary(fc.constantFrom(...questions, 'no-such-question'), answer, { maxKeys: 4 }),
		at,
		forged
	)
	.map(([id, quizId, answers, time, extra]) => ({
		event: { ...extra, id, type: 'quiz_attempt', courseId: COURSE, quizId, answers, at: time },
		wellFormed: true,
		known: quizzes.includes(quizId)
	}));

/** Events that break the schema: one field wrong in type, range or shape, or missing. */
const malformed: fc.Arbitrary<Generated> = fc
	.tuple(
		lessonDone,
		fc.constantFrom('id', 'type', 'courseId', 'lessonId', 'at'),
		fc.oneof(
			hostileText.map(textOf),
			fc.constantFrom<unknown>(
				null,
				-1,
				1.5,
				'123',
				[],
				{},
				{ nested: { deeper: [1] } },
				true,
				2 ** 64,
				'short',
				'a'.repeat(65),
				'has space id',
				'UPPER_CASE',
				'../etc'
			)
		),
		fc.boolean()
	)
	.filter(
		([, field, value]) =>
			!(field === 'at' && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) &&
			!(
				field !== 'at' &&
				typeof value === 'string' &&
				field === 'type' &&
				['lesson_done', 'quiz_attempt'].includes(value)
			)
	)
	.filter(([g, field, value]) => {
		if (typeof value !== 'string') return true;
		if (field === 'id') return !/^[A-Za-z0-9-]{8,64}$/.test(value);
		if (field === 'courseId' || field === 'lessonId')
			return !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) || value.length > 80;
		return g !== null;
	})
	.map(([g, field, value, drop]) => {
		const event = { ...g.event };
		if (drop) delete event[field];
		else event[field] = value;
		return { event, wellFormed: false, known: false };
	});

const batch = fc.oneof(
	{ weight: 6, arbitrary: fc.array(fc.oneof(lessonDone, quizAttempt), { maxLength: 12 }) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(
				fc.array(lessonDone, { maxLength: 5 }),
				malformed,
				fc.array(lessonDone, { maxLength: 5 })
			)
			.map(([a, bad, b]) => [...a, bad, ...b])
	},
	{
		weight: 1,
		arbitrary: fc
			.integer({ min: 101, max: 150 })
			.chain((n) => fc.array(lessonDone, { minLength: n, maxLength: n }))
	},
	// Up to the limit, with event ids repeated inside the batch.
	{ weight: 1, arbitrary: fc.array(lessonDone, { minLength: 95, maxLength: 100 }) }
);

/** The whole body: the batch as the endpoint expects it, or wrapped, encoded or typed wrongly. */
const body = fc
	.tuple(
		batch,
		fc.constantFrom(
			'json',
			'json',
			'json',
			'json',
			'json',
			'bare-array',
			'events-object',
			'form',
			'no-type',
			'text',
			'broken-json',
			'nested',
			'deep',
			'padded'
		),
		fc.integer({ min: SYNC_DEPTH_MAX - 3, max: 200_000 })
	)
	.map(([events, shape, depth]) => ({ events, shape, depth }));

describe('POST /api/sync, fuzzed', () => {
	it(
		'refuses malformed batches whole, applies each event once for its learner alone, and never stores the future',
		{ timeout: 180_000 },
		async () => {
			await check(
				FILE,
				fc.asyncProperty(
					body,
					fc.constantFrom<'my' | 'en'>('my', 'en'),
					async ({ events, shape, depth }, locale) => {
						const list = events.map((g) => g.event);
						const text = JSON.stringify({ events: list });
						const sent = {
							json: [text, 'application/json'],
							'bare-array': [JSON.stringify(list), 'application/json'],
							'events-object': [
								JSON.stringify({ events: Object.fromEntries(list.map((e, i) => [i, e])) }),
								'application/json'
							],
							form: [
								new URLSearchParams({ events: JSON.stringify(list) }).toString(),
								'application/x-www-form-urlencoded'
							],
							'no-type': [text, null],
							text: [text, 'text/plain'],
							'broken-json': [text.slice(0, Math.max(1, text.length - 2)), 'application/json'],
							nested: [JSON.stringify({ events: [list] }), 'application/json'],
							// Arrays nested `depth` deep where an event belongs: refused before parsing once past SYNC_DEPTH_MAX.
							deep: [`{"events":[${'['.repeat(depth)}${']'.repeat(depth)}]}`, 'application/json'],
							// The batch followed by whitespace past the body limit: valid JSON, too large.
							padded: [text + ' '.repeat(SYNC_BODY_MAX), 'application/json']
						}[shape] as [string, string | null];
						const valid =
							(shape === 'json' || shape === 'no-type' || shape === 'text') &&
							events.length <= 100 &&
							events.every((g) => g.wellFormed);
						const fresh = new Set(list.map((e) => e.id as string).filter((id) => !seenByA.has(id)))
							.size;
						const overQuota = valid && fresh > 0 && seenByA.size + fresh > QUOTAS.syncEvents;
						const what = `${shape}, ${events.length} events, ${locale}`;
						const before = userRows(ids.b);
						watch.before();
						const response = await post(learner.a, sent[0], sent[1], locale);
						const started = Date.now();
						const verdict = await judge(response, locale, what);
						const changes = watch.changes();
						expect(userRows(ids.b), `${what}: wrote for another learner`).toBe(before);
						if (!valid || overQuota) {
							expect(verdict.status, what).toBe(
								overQuota ? 429 : Buffer.byteLength(sent[0]) > SYNC_BODY_MAX ? 413 : 400
							);
							expect(changes, `${what}: refused, yet wrote`).toEqual([]);
							if (overQuota) await newLearnerA();
							return;
						}
						expect(verdict.status, `${what}: ${verdict.text.slice(0, 200)}`).toBe(200);
						const results = JSON.parse(verdict.text).results as { id: string; status: string }[];
						expect(results.map((r) => r.id)).toEqual(list.map((e) => e.id));
						events.forEach((g, i) => {
							const id = g.event.id as string;
							const expected = seenByA.has(id)
								? ['duplicate']
								: !g.known
									? ['rejected']
									: g.event.type === 'quiz_attempt'
										? ['applied', 'rejected']
										: ['applied'];
							expect(
								expected,
								`${what}: event ${i} (${JSON.stringify(g.event).slice(0, 200)})`
							).toContain(results[i].status);
							seenByA.add(id);
						});
						expectNormalised(
							changes,
							events.flatMap((g) =>
								g.event.type === 'quiz_attempt'
									? Object.values(g.event.answers as Record<string, unknown>)
											.flat()
											.filter((a): a is string => typeof a === 'string')
									: []
							),
							what
						);
						const future = db
							.prepare('select count(*) n from lesson_progress where user_id = ? and done_at > ?')
							.get(ids.a, started) as { n: number };
						expect(future.n, `${what}: a time in the future stored`).toBe(0);
						const attempts = db
							.prepare('select count(*) n from quiz_attempt where user_id = ? and created_at > ?')
							.get(ids.a, started) as { n: number };
						expect(attempts.n, `${what}: a quiz attempt dated in the future`).toBe(0);
					}
				),
				{ numRuns: runs(50) }
			);
			// Every id A sent in an accepted batch is stored once, B's ids among them, and only for A.
			for (const a of learnersA) {
				const stored = db
					.prepare('select count(*) n from sync_event where user_id = ?')
					.get(a.id) as { n: number };
				expect(stored.n).toBe(a.seen.size);
			}
		}
	);

	it('lets only learners sync, with a translated refusal', async () => {
		const member = new Client('my');
		expect((await member.signUp(uniqueName('fuzzsyncorg'), 'org_member')).status).toBe(200);
		for (const [client, status] of [
			[member, 403],
			[new Client('my'), 401]
		] as const) {
			watch.before();
			const verdict = await judge(
				await post(
					client,
					JSON.stringify({
						events: [
							{
								id: 'org-event-1',
								type: 'lesson_done',
								courseId: COURSE,
								lessonId: lessons[0],
								at: 1
							}
						]
					}),
					'application/json',
					'my'
				),
				'my',
				'not a learner'
			);
			expect(verdict.status).toBe(status);
			expect(watch.changes()).toEqual([]);
		}
	});
});
