/**
 * The data register (docs/data-register.md) against a database: which columns the database has
 * that the register does not describe, and which the register describes that are gone.
 */
import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { columnNames, foreignKeys, tableNames } from './engine';

export const REGISTER_FILE = 'docs/data-register.md';

/** Table name → its column names. */
export type Columns = Map<string, string[]>;

const HEADER = 'Column | Purpose | Who sees it | Kept';

/**
 * The tables the register describes: each under a heading "## `table`", with one markdown table
 * whose first cell names the column (`column`, or `column` · personal). Other headings are prose.
 * `personal` holds the `table.column` of each column marked personal. `problems` lists what is
 * malformed: a wrong header, a row without a column or with an empty cell, a table or column
 * described twice, a table section without columns.
 */
export function parseRegister(markdown: string): {
	tables: Columns;
	personal: Set<string>;
	problems: string[];
} {
	const tables: Columns = new Map();
	const personal = new Set<string>();
	const problems: string[] = [];
	let table: string | null = null;
	let sawHeader = false;
	for (const line of markdown.split('\n')) {
		const heading = /^##\s+(.*)$/.exec(line);
		if (heading) {
			table = /^`([^`]+)`$/.exec(heading[1].trim())?.[1] ?? null;
			sawHeader = false;
			if (table && tables.has(table)) problems.push(`${table}: described twice`);
			if (table) tables.set(table, []);
			continue;
		}
		if (!table || !line.startsWith('|')) continue;
		const cells = line
			.trim()
			.replace(/^\||\|$/g, '')
			.split('|')
			.map((cell) => cell.trim());
		if (!sawHeader) {
			sawHeader = true;
			if (cells.join(' | ') !== HEADER)
				problems.push(`${table}: the header must be "${HEADER}", not "${cells.join(' | ')}"`);
			continue;
		}
		if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
		const column = /^`([^`]+)`(?: · personal)?$/.exec(cells[0])?.[1];
		if (!column) {
			problems.push(
				`${table}: a row must start with \`column\` or \`column\` · personal, not "${cells[0]}"`
			);
			continue;
		}
		if (cells.length !== 4 || cells.some((cell) => cell === ''))
			problems.push(
				`${table}.${column}: needs a column, a purpose, who sees it and how long it is kept`
			);
		const columns = tables.get(table)!;
		if (columns.includes(column)) problems.push(`${table}.${column}: described twice`);
		columns.push(column);
		if (cells[0].endsWith(' · personal')) personal.add(`${table}.${column}`);
	}
	for (const [name, columns] of tables)
		if (columns.length === 0) problems.push(`${name}: no columns described`);
	return { tables, personal, problems };
}

/**
 * Every table and its columns: tables of migrations, of Kysely's migrator, and the search
 * index (on SQLite a virtual table). Left out: SQLite's own tables, and the shadow tables in
 * which a virtual table keeps its data (the register describes the virtual table itself).
 */
export async function databaseColumns(db: Db): Promise<Columns> {
	const columns: Columns = new Map();
	for (const name of await tableNames(db)) columns.set(name, await columnNames(db, name));
	return columns;
}

/** Each `table.column` the database has and the register does not describe, and the other way round. */
export function compareRegister(database: Columns, register: Columns): string[] {
	const missing = (from: Columns, to: Columns) =>
		[...from].flatMap(([table, columns]) =>
			columns
				.filter((column) => !to.get(table)?.includes(column))
				.map((column) => `${table}.${column}`)
		);
	return [
		...missing(database, register).map(
			(c) => `${c}: in the database, not described in ${REGISTER_FILE}`
		),
		...missing(register, database).map(
			(c) => `${c}: described in ${REGISTER_FILE}, not in the database`
		)
	].sort();
}

/** A column that ties its rows to one person: `table.column` → `parent.parentColumn`. */
export interface PersonalLink {
	table: string;
	column: string;
	parent: string;
	parentColumn: string;
}

/**
 * The columns through which a row names one person, read from the database's foreign keys and
 * the register's personal marks: a personal column referring to `user.id`, or to a personal
 * column of a table that is itself tied to a person that way (an application's messages).
 * A personal column referring to a table whose key is not personal (a role's id) ties nothing:
 * the role is not the person's.
 */
export async function personalLinks(db: Db, personal: Set<string>): Promise<PersonalLink[]> {
	const keys: PersonalLink[] = [];
	for (const table of (await databaseColumns(db)).keys()) {
		for (const fk of await foreignKeys(db, table))
			keys.push({ table, column: fk.from, parent: fk.table, parentColumn: fk.to ?? 'id' });
	}
	const tied = new Set(['user']);
	const links: PersonalLink[] = [];
	for (let grew = true; grew;) {
		grew = false;
		for (const key of keys) {
			if (links.includes(key) || !tied.has(key.parent)) continue;
			if (
				!personal.has(`${key.table}.${key.column}`) ||
				!personal.has(`${key.parent}.${key.parentColumn}`)
			)
				continue;
			links.push(key);
			tied.add(key.table);
			grew = true;
		}
	}
	return links;
}

/** For each link (`table.column`), the rows that name the person `userId` through it. */
export async function personalRows(
	db: Db,
	links: PersonalLink[],
	userId: string
): Promise<Map<string, Record<string, unknown>[]>> {
	const all = new Map<string, Record<string, unknown>[]>();
	const rowsOf = async (table: string) => {
		if (!all.has(table))
			all.set(
				table,
				(await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows
			);
		return all.get(table)!;
	};
	const result = new Map<string, Record<string, unknown>[]>();
	const valuesOf = async (table: string, column: string): Promise<Set<unknown>> => {
		if (table === 'user') return new Set([userId]);
		const values = new Set<unknown>();
		for (const link of links.filter((l) => l.table === table))
			for (const row of await via(link)) values.add(row[column]);
		return values;
	};
	const via = async (link: PersonalLink) => {
		const parents = await valuesOf(link.parent, link.parentColumn);
		return (await rowsOf(link.table)).filter(
			(row) => row[link.column] !== null && parents.has(row[link.column])
		);
	};
	for (const link of links) result.set(`${link.table}.${link.column}`, await via(link));
	return result;
}
