/** Which SQLite and PostgreSQL errors mean "try again later" (503) and which stay faults (500). */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable, unavailableReason } from '$lib/server/db';

const sqliteError = (code: string) => new BetterSqlite3.SqliteError('test', code);

/** An error as `pg` makes it from the server's answer: its SQLSTATE code and severity. */
function postgresError(code: string): pg.DatabaseError {
	const error = new pg.DatabaseError('test', 0, 'error');
	error.code = code;
	error.severity = 'ERROR';
	return error;
}

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

	it('is told apart by PostgreSQL code: a full disk, waits and conflicts that pass, and nothing else', () => {
		expect(unavailableReason(postgresError('53100'))).toBe('full');
		for (const code of ['55P03', '40001', '40P01', '53300', '57P03'])
			expect(unavailableReason(postgresError(code))).toBe('busy');
		// A unique or foreign key violation, a syntax error, a missing table, an I/O error.
		for (const code of ['23505', '23503', '42601', '42P01', '58030'])
			expect(unavailableReason(postgresError(code))).toBe(null);
		expect(unavailableReason({ code: '53100' })).toBe(null);
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
