/**
 * A full database (the disk, or the operator's DATABASE_MAX_MB, simulated with max_page_count)
 * refuses a write whole: every write that spans several statements is tried with 0, 1, 2...
 * spare pages until it fits, and each refusal must leave every table as it was, including
 * refusals that came after some of the write's statements had already run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn, signUp } from '$lib/server/accounts/sign-in';
import { applyToRole, decideApplication } from '$lib/server/applications/lifecycle';
import { postMessage } from '$lib/server/applications/messages';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder } from '$lib/server/courses/content-files';
import { addCourse, setPublished } from '$lib/server/courses/authoring/course';
import { addLesson } from '$lib/server/courses/authoring/lessons';
import { addModule } from '$lib/server/courses/authoring/modules';
import { type Author } from '$lib/server/courses/authoring/authors';
import { applyEvents } from '$lib/server/courses/sync';
import type { SyncEvent } from '$lib/schemas/learning';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { DatabaseUnavailableError, openDatabase, type Db } from '$lib/server/db';
import { BundledMigrationProvider, migrateToLatest } from '$lib/server/migrate';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { account, vettedOrgMember } from '../helpers/authors';
import { openRole } from '../helpers/roles';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * A migrated database file prepared by `setup`, closed for copying, its pages made small (512
 * bytes) and packed, so that a write of a few rows needs new pages, as a large one does when the
 * disk is full.
 */
async function prepared<T>(setup: (db: Db) => Promise<T>): Promise<{ file: string; made: T }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-full-'));
	dirs.push(dir);
	const file = path.join(dir, 'prepared.sqlite');
	const db = openDatabase(file);
	await migrateToLatest(db, new BundledMigrationProvider());
	const made = await setup(db);
	await sql`pragma journal_mode = delete`.execute(db);
	await sql`pragma page_size = 512`.execute(db);
	await sql`vacuum`.execute(db);
	await db.destroy();
	return { file, made };
}

/** Every row of every table (search index included), to compare before and after. */
async function everyRow(db: Db): Promise<Record<string, unknown[]>> {
	const tables = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' order by name`.execute(db);
	const rows: Record<string, unknown[]> = {};
	for (const { name } of tables.rows) {
		const all = await sql.raw<Record<string, unknown>>(`select * from "${name}"`).execute(db);
		rows[name] = all.rows.map((row) => JSON.stringify(row)).sort();
	}
	return rows;
}

async function totalChanges(db: Db): Promise<number> {
	return (await sql<{ n: number }>`select total_changes() as n`.execute(db)).rows[0].n;
}

/** A copy of `file` allowed to grow by `spare` pages only. */
async function copyWithSpare(file: string, spare: number): Promise<Db> {
	const copy = `${file}-${spare}.sqlite`;
	fs.copyFileSync(file, copy);
	const db = openDatabase(copy);
	const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]
		.page_count;
	await sql.raw(`pragma max_page_count = ${pages + spare}`).execute(db);
	return db;
}

interface Tightened {
	/** Tries refused for want of space. */
	refused: number;
	/** Of those, the tries refused after some of the write's statements had run. */
	midway: number;
}

/**
 * Runs `write` on copies of `file` with 0, 1, 2... spare pages until it succeeds. Every refusal
 * must be a DatabaseUnavailableError ("full") that left every row as it was.
 */
async function underTighteningSpace(
	file: string,
	write: (db: Db) => Promise<unknown>
): Promise<Tightened> {
	const tightened = { refused: 0, midway: 0 };
	for (let spare = 0; spare <= 64; spare++) {
		const db = await copyWithSpare(file, spare);
		try {
			const before = await everyRow(db);
			const changes = await totalChanges(db);
			try {
				await write(db);
				return tightened;
			} catch (error) {
				expect(error).toBeInstanceOf(DatabaseUnavailableError);
				expect((error as DatabaseUnavailableError).reason).toBe('full');
				tightened.refused++;
				if ((await totalChanges(db)) > changes) tightened.midway++;
				expect(await everyRow(db)).toEqual(before);
			}
		} finally {
			await db.destroy();
		}
	}
	throw new Error('the write never fitted in 64 spare pages');
}

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result as Extract<T, { ok: true }>;
}

describe('a full database', () => {
	it('refuses a sign-up whole: account, recovery codes and first session', async () => {
		const { file } = await prepared(async (db) => {
			for (let i = 0; i < 4; i++) await account(db, `earlier${i}`, 'learner');
		});
		const tightened = await underTighteningSpace(file, async (db) =>
			ok(
				await signUp(
					db,
					{
						username: 'newcomer',
						password: 'a long enough password',
						kind: 'learner',
						background: 'family',
						locale: 'my'
					},
					'x'
				)
			)
		);
		expect(tightened.refused).toBeGreaterThan(0);
		expect(tightened.midway).toBeGreaterThan(0);
	});

	it('refuses a sign-in whole: the cleared failures, the audit line and the session', async () => {
		// How many accounts come before decides whether the sign-in's rows fit in the packed pages
		// as they are: with six they do not, so the write needs pages the database lacks.
		const { file } = await prepared(async (db) => {
			for (let i = 0; i < 6; i++) await account(db, `earlier${i}`, 'learner');
			await signIn(db, { username: 'earlier5', password: 'not the password' }, 'x');
		});
		const tightened = await underTighteningSpace(file, async (db) =>
			ok(await signIn(db, { username: 'earlier5', password: 'authors write well' }, 'x'))
		);
		expect(tightened.refused).toBeGreaterThan(0);
		expect(tightened.midway).toBeGreaterThan(0);
	});

	it('refuses an application, a decision and a message whole', async () => {
		const { file, made } = await prepared(async (db) => {
			await loadTaxonomy(db, readTaxonomy());
			const owner = await vettedOrgMember(db, 'owner');
			const admin = ok(await createAdministrator(db, 'reviewer'));
			const roleId = await openRole(db, owner.userId, admin.userId, 'Clinic volunteer');
			const learners = [];
			for (let i = 0; i < 4; i++) learners.push(await account(db, `learner${i}`, 'learner'));
			const applied = ok(await applyToRole(db, learners[0].userId, roleId, 'I was a medic'));
			return {
				owner,
				roleId,
				learner: learners[1],
				applicationId: applied.id,
				applicant: learners[0]
			};
		});
		const application = await underTighteningSpace(file, async (db) =>
			ok(
				await applyToRole(
					db,
					made.learner.userId,
					made.roleId,
					'I can help at the clinic. '.repeat(20)
				)
			)
		);
		expect(application.refused).toBeGreaterThan(0);
		// The status changes in place; the history line with its long note needs new pages.
		const note = 'Come on Monday to the clinic near the market. '.repeat(20);
		const decision = await underTighteningSpace(file, async (db) =>
			ok(await decideApplication(db, made.owner.userId, made.applicationId, 'shortlist', note))
		);
		expect(decision.midway).toBeGreaterThan(0);
		const message = await underTighteningSpace(file, async (db) =>
			ok(
				await postMessage(
					db,
					made.applicant.userId,
					made.applicationId,
					'Which clinic? '.repeat(40)
				)
			)
		);
		expect(message.refused).toBeGreaterThan(0);
	});

	it('refuses a course edit whole (the lesson, the version and the search index), and publishing too', async () => {
		const { file, made } = await prepared(async (db) => {
			const admin = ok(await createAdministrator(db, 'author'));
			const author: Author = { userId: admin.userId, kind: 'admin' };
			const course = ok(
				await addCourse(db, author, {
					category: 'vocational',
					audience: 'families',
					title: { my: 'ပေါင်မုန့်', en: 'Baking bread' },
					summary: { my: '', en: 'Bread' }
				})
			).id;
			const part = ok(await addModule(db, author, course, { my: '', en: 'Dough' })).id;
			ok(
				await addLesson(db, author, course, {
					moduleId: part,
					minutes: 5,
					title: { my: '', en: 'Flour' },
					body: { my: '', en: 'Flour and water. '.repeat(50) }
				})
			);
			return { author, course, part };
		});
		const lesson = {
			moduleId: made.part,
			minutes: 5,
			title: { my: 'ရေ', en: 'Water' },
			body: { my: 'ရေနွေး '.repeat(300), en: 'Warm water. '.repeat(300) }
		};
		const edit = await underTighteningSpace(file, async (db) =>
			ok(await addLesson(db, made.author, made.course, lesson))
		);
		expect(edit.midway).toBeGreaterThan(0);
		const publish = await underTighteningSpace(file, async (db) =>
			ok(await setPublished(db, made.author, made.course, true))
		);
		expect(publish.midway).toBeGreaterThan(0);
	});

	it('applies a sync batch whole or not at all: a refused batch leaves no trace, and sending it again gives what one clean sync gives', async () => {
		const COURSE = 'first-aid-basics';
		const { file, made } = await prepared(async (db) => {
			await loadCourseBundle(db, readCourseFolder(`content/courses/${COURSE}`));
			await account(db, 'other', 'learner');
			return { learner: await account(db, 'offline', 'learner') };
		});
		const lessons: string[] = JSON.parse(
			fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8')
		).modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));
		// Not every lesson: completing the course would issue a certificate with a random code.
		// Each lesson marked done on the phone several times: each event is claimed on its own.
		const events: SyncEvent[] = Array.from({ length: 40 }, (_, i) => {
			const lessonId = lessons[i % 5];
			return {
				id: `event-${i}-${lessonId}`,
				type: 'lesson_done',
				courseId: COURSE,
				lessonId,
				at: 1_700_000_000_000 + i
			};
		});
		events.push({
			id: 'event-unknown',
			type: 'lesson_done',
			courseId: COURSE,
			lessonId: 'no-such-lesson',
			at: 1_700_000_000_100
		});
		const now = 1_700_000_100_000;

		const clean = await copyWithSpare(file, 1000);
		await applyEvents(clean, made.learner.userId, events, now);
		const expected = await everyRow(clean);
		await clean.destroy();

		let refused = 0;
		for (let spare = 0; spare <= 64; spare++) {
			const db = await copyWithSpare(file, spare);
			try {
				const before = await everyRow(db);
				const error = await applyEvents(db, made.learner.userId, events, now).then(
					() => null,
					(e: unknown) => e
				);
				if (!error) break;
				expect(error).toBeInstanceOf(DatabaseUnavailableError);
				refused++;
				// The batch is one transaction: however far it got, nothing of it is kept.
				expect(await everyRow(db)).toEqual(before);
				// Space comes back (rows deleted elsewhere, or a higher cap): the phone sends it all again.
				await sql`pragma max_page_count = 1073741823`.execute(db);
				await applyEvents(db, made.learner.userId, events, now);
				expect(await everyRow(db)).toEqual(expected);
			} finally {
				await db.destroy();
			}
		}
		expect(refused).toBeGreaterThan(0);
	});
});
