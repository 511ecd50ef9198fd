/**
 * docs/data-register.md describes every table and column of a freshly migrated database, and
 * nothing that is gone: a migration that adds a column must say here why it is kept, who sees
 * it and for how long.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import {
	compareRegister,
	databaseColumns,
	parseRegister,
	REGISTER_FILE
} from '../helpers/data-register';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshDb()));
afterEach(() => cleanup());

const register = parseRegister(fs.readFileSync(REGISTER_FILE, 'utf8'));
const section = (table: string, ...rows: string[]) =>
	[
		`## \`${table}\``,
		'',
		'| Column | Purpose | Who sees it | Kept |',
		'| --- | --- | --- | --- |',
		...rows,
		''
	].join('\n');

it('is well formed: every described column has a purpose, who sees it and how long it is kept', () => {
	expect(register.problems).toEqual([]);
});

it('describes every table and column of the database, and none that no longer exists', async () => {
	const database = await databaseColumns(db);
	// The walk reaches the search index and the migrator's tables, not only the migrations'.
	expect([...database.keys()]).toEqual(
		expect.arrayContaining(['user', 'application_message', 'course_search', 'kysely_migration'])
	);
	expect(compareRegister(database, register.tables)).toEqual([]);
});

describe('the check', () => {
	// Compared with the database as migrations leave it, so these fail only if the check does.
	it('names a column the register does not describe', async () => {
		const described = await databaseColumns(db);
		await sql`alter table learner_profile add column hometown text`.execute(db);
		expect(compareRegister(await databaseColumns(db), described)).toEqual([
			`learner_profile.hometown: in the database, not described in ${REGISTER_FILE}`
		]);
	});

	it('names every column of a table the register does not describe', async () => {
		const described = await databaseColumns(db);
		await sql`create table contact (user_id text, phone text)`.execute(db);
		expect(compareRegister(await databaseColumns(db), described)).toEqual([
			`contact.phone: in the database, not described in ${REGISTER_FILE}`,
			`contact.user_id: in the database, not described in ${REGISTER_FILE}`
		]);
	});

	it('names what the register describes that the database no longer has', async () => {
		const described = await databaseColumns(db);
		described.set('old_table', ['note']);
		await sql`alter table learner_profile drop column interests`.execute(db);
		expect(compareRegister(await databaseColumns(db), described)).toEqual([
			`learner_profile.interests: described in ${REGISTER_FILE}, not in the database`,
			`old_table.note: described in ${REGISTER_FILE}, not in the database`
		]);
	});

	it('refuses rows that say too little, and tables described twice', () => {
		const text = [
			section(
				'a',
				'| `x` · personal | Why. | Nobody. | |',
				'| x | Why. | Nobody. | For good. |',
				'| `y` | Why. | Nobody. | For good. |',
				'| `y` | Again. | Nobody. | For good. |'
			),
			section('a', '| `z` | Why. | Nobody. | For good. |'),
			'## `b`\n\n| Column | Purpose | Kept |\n| --- | --- | --- |\n| `w` | Why. | For good. |\n',
			'## `c`\n\nNo table.\n'
		].join('\n');
		expect(parseRegister(text).problems).toEqual([
			'a.x: needs a column, a purpose, who sees it and how long it is kept',
			'a: a row must start with `column` or `column` · personal, not "x"',
			'a.y: described twice',
			'a: described twice',
			'b: the header must be "Column | Purpose | Who sees it | Kept", not "Column | Purpose | Kept"',
			'b.w: needs a column, a purpose, who sees it and how long it is kept',
			'c: no columns described'
		]);
	});
});
