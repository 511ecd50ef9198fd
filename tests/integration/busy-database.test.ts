/**
 * Another connection (a maintenance command, a backup tool) holding the write lock: the app's
 * writes wait DATABASE_BUSY_MS, then are refused whole as "busy"; reads go on (WAL); the release
 * ends it. Transactions that read before they write wait too, which SQLite does only for a
 * transaction that takes the write lock at its start.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, type Db } from '$lib/server/db';
import { freshSqliteDb } from '../helpers/db';
import { signUpLearner } from '../helpers/people';

const BUSY_MS = 300;

let db: Db;
let file: string;
let cleanup: () => Promise<void>;
let other: Database.Database;
beforeEach(async () => {
	process.env.DATABASE_BUSY_MS = String(BUSY_MS);
	({ db, file, cleanup } = await freshSqliteDb());
	other = new Database(file);
});
afterEach(async () => {
	delete process.env.DATABASE_BUSY_MS;
	other.close();
	await cleanup();
});

const newcomer = (username: string) => signUpLearner(db, username);

describe('a busy database', () => {
	it('refuses a write that reads first, after waiting the busy timeout, leaves nothing of it, and keeps reads going', async () => {
		expect((await newcomer('before')).ok).toBe(true);
		other.exec('begin immediate');
		try {
			const started = performance.now();
			const error = await newcomer('during').then(
				() => null,
				(e: unknown) => e
			);
			const waited = performance.now() - started;
			expect(error).toBeInstanceOf(DatabaseUnavailableError);
			expect((error as DatabaseUnavailableError).reason).toBe('busy');
			expect(waited).toBeGreaterThanOrEqual(BUSY_MS);
			expect(await db.selectFrom('user').select('username').execute()).toEqual([
				{ username: 'before' }
			]);
		} finally {
			other.exec('rollback');
		}
		expect((await newcomer('during')).ok).toBe(true);
		expect(
			await db
				.selectFrom('recovery_code')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).toEqual({ n: 20 });
	});
});
