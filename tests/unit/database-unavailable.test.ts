/** Which SQLite errors mean "try again later" (503) and which stay faults (500). */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable, unavailableReason } from '$lib/server/db';

const sqliteError = (code: string) => new BetterSqlite3.SqliteError('test', code);

describe('a full or busy database', () => {
	it('is told apart by SQLite code: full, busy with its extended codes, and nothing else', () => {
		expect(unavailableReason(sqliteError('SQLITE_FULL'))).toBe('full');
		for (const code of [
			'SQLITE_BUSY',
			'SQLITE_BUSY_SNAPSHOT',
			'SQLITE_BUSY_RECOVERY',
			'SQLITE_BUSY_TIMEOUT'
		])
			expect(unavailableReason(sqliteError(code))).toBe('busy');
		for (const code of [
			'SQLITE_LOCKED',
			'SQLITE_IOERR_WRITE',
			'SQLITE_CORRUPT',
			'SQLITE_CONSTRAINT_UNIQUE',
			'SQLITE_READONLY'
		])
			expect(unavailableReason(sqliteError(code))).toBe(null);
		expect(unavailableReason(new Error('SQLITE_FULL'))).toBe(null);
	});

	it('is recognised itself and as the cause of the answer made from it', () => {
		const error = new DatabaseUnavailableError('full', sqliteError('SQLITE_FULL'));
		expect(isDatabaseUnavailable(error)).toBe(true);
		expect(isDatabaseUnavailable({ status: 503, body: { message: 'later' }, cause: error })).toBe(
			true
		);
		expect(isDatabaseUnavailable(new Error('other', { cause: new Error('x') }))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
	});
});
