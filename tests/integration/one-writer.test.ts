/**
 * One write transaction at a time, on either engine: while another server's transaction holds
 * the writer's turn (SQLite's write lock; on PostgreSQL the advisory lock every transaction takes
 * first, src/lib/server/postgres.ts), a write waits DATABASE_BUSY_MS, then is refused whole as
 * "busy", and goes through once the other commits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase, type Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import { signUpLearner } from '../helpers/people';

const BUSY_MS = 300;

let db: Db;
let other: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	process.env.DATABASE_BUSY_MS = String(BUSY_MS);
	let file: string;
	({ db, file, cleanup } = await freshDb());
	other = openDatabase(file);
});
afterEach(async () => {
	delete process.env.DATABASE_BUSY_MS;
	await other.destroy();
	await cleanup();
});

const newcomer = (username: string) => signUpLearner(db, username);

describe('one writer at a time', () => {
	it("refuses a write as busy while another server's transaction holds the turn, and takes it after", async () => {
		let release = () => {};
		let holding = () => {};
		const held = new Promise<void>((resolve) => (holding = resolve));
		const holder = other.transaction().execute(async (trx) => {
			await trx.selectFrom('user').select('id').execute();
			holding();
			await new Promise<void>((resolve) => (release = resolve));
		});
		await held;
		const started = performance.now();
		const error = await newcomer('during').then(
			() => null,
			(e: unknown) => e
		);
		const waited = performance.now() - started;
		release();
		await holder;
		expect(error).toBeInstanceOf(DatabaseUnavailableError);
		expect((error as DatabaseUnavailableError).reason).toBe('busy');
		expect(waited).toBeGreaterThanOrEqual(BUSY_MS * 0.9);
		expect(await db.selectFrom('user').select('username').execute()).toEqual([]);
		expect((await newcomer('during')).ok).toBe(true);
	});
});
