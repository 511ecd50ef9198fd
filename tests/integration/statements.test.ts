import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { preparingOnce, type Db } from '$lib/server/db';
import { freshSqliteDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshSqliteDb()));
afterEach(async () => {
	vi.restoreAllMocks();
	await cleanup();
});

describe('prepared statements', () => {
	it('prepares a query once however often it runs, with the parameters of each run', async () => {
		await sql`create table note (id text primary key, body text not null)`.execute(db);
		const prepare = vi.spyOn(BetterSqlite3.prototype, 'prepare');
		const bodies: unknown[] = [];
		for (const [id, body] of [
			['a', 'first'],
			['b', 'second'],
			['c', 'third']
		]) {
			await sql`insert into note (id, body) values (${id}, ${body})`.execute(db);
			bodies.push((await sql`select body from note where id = ${id}`.execute(db)).rows[0]);
		}
		expect(bodies).toEqual([{ body: 'first' }, { body: 'second' }, { body: 'third' }]);
		const texts = prepare.mock.calls.map(([text]) => text);
		expect(texts.filter((text) => text.startsWith('insert into note'))).toHaveLength(1);
		expect(texts.filter((text) => text.startsWith('select body from note'))).toHaveLength(1);
	});

	it('keeps at most its limit, the most recently used, and a busy statement is never shared', () => {
		const sqlite = new BetterSqlite3(':memory:');
		const statements = preparingOnce(sqlite, 2);
		const one = statements.prepare('select 1');
		const two = statements.prepare('select 2');
		expect(statements.prepare('select 1')).toBe(one);
		statements.prepare('select 3');
		// "select 2" was the least recently used of three: prepared anew.
		expect(statements.prepare('select 2')).not.toBe(two);
		expect(statements.prepare('select 2')).toBe(statements.prepare('select 2'));

		const rows = statements.prepare('select value from json_each(?)') as BetterSqlite3.Statement;
		const reading = rows.iterate('[1, 2]');
		reading.next();
		const meanwhile = statements.prepare(
			'select value from json_each(?)'
		) as BetterSqlite3.Statement;
		expect(meanwhile).not.toBe(rows);
		expect(meanwhile.all('[3]')).toEqual([{ value: 3 }]);
		reading.return?.();
		statements.close();
		expect(sqlite.open).toBe(false);
	});

	it('still sees a changed schema', async () => {
		await sql`create table t (a integer)`.execute(db);
		await sql`insert into t values (1)`.execute(db);
		expect((await sql`select * from t`.execute(db)).rows).toEqual([{ a: 1 }]);
		await sql`alter table t add column b integer default 2`.execute(db);
		expect((await sql`select * from t`.execute(db)).rows).toEqual([{ a: 1, b: 2 }]);
	});
});
