/**
 * Moving an SQLite install to PostgreSQL (`npm run copy-to-postgres`): every table of the SQLite
 * file copied into a migrated, empty database, in one transaction, then the rows counted on both
 * sides. The source is an SQLite file by definition, so its tables and foreign keys are read with
 * SQLite's own SQL here; the target is written through Kysely alone, so it may be either engine.
 */
import { sql } from 'kysely';
import type { Db } from './db';

/** Not copied: the migrator's own (the target is migrated), and matching's per-process notes. */
const LEFT_OUT = new Set([
	'kysely_migration',
	'kysely_migration_lock',
	'match_change',
	'match_reader'
]);

/** Rows per insert: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 200;

export interface CopyReport {
	/** Rows per table, as counted in both databases after the copy. */
	tables: { name: string; rows: number }[];
}

/** The source's tables to copy, each after the tables its foreign keys name. */
async function tablesInOrder(source: Db): Promise<string[]> {
	const listed = await sql<{
		name: string;
	}>`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and substr(name, 1, 7) != 'sqlite_' order by name`.execute(
		source
	);
	const names = listed.rows.map((r) => r.name).filter((name) => !LEFT_OUT.has(name));
	const parents = new Map<string, string[]>();
	for (const name of names) {
		const keys = await sql<{
			table: string;
		}>`select "table" from pragma_foreign_key_list(${name})`.execute(source);
		parents.set(
			name,
			keys.rows.map((k) => k.table).filter((t) => t !== name)
		);
	}
	const ordered: string[] = [];
	const placed = new Set<string>();
	const place = (name: string, path: string[]) => {
		if (placed.has(name)) return;
		if (path.includes(name))
			throw new Error(`Foreign keys go round: ${[...path, name].join(' → ')}`);
		for (const parent of parents.get(name) ?? [])
			if (parents.has(parent)) place(parent, [...path, name]);
		placed.add(name);
		ordered.push(name);
	};
	for (const name of names) place(name, []);
	return ordered;
}

async function count(db: Db, table: string): Promise<number> {
	const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
		db
	);
	return Number(result.rows[0].n);
}

/**
 * Copies every table of `source` (an SQLite database) into `target`, which must be migrated to
 * the same migrations and hold no rows yet; all in one transaction, so a failure leaves it
 * empty. Then counts the rows of every table on both sides, and throws when one differs.
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyReport> {
	const tables = await tablesInOrder(source);
	const ran = async (db: Db) =>
		(
			await db
				.selectFrom('kysely_migration' as never)
				.select('name' as never)
				.execute()
		)
			.map((r) => (r as { name: string }).name)
			.sort();
	const [from, to] = [await ran(source), await ran(target)];
	if (from.join() !== to.join())
		throw new Error(
			`The two databases are not at the same migrations (${from.at(-1)} and ${to.at(-1)}): run npm run migrate on both first`
		);
	for (const table of tables)
		if ((await count(target, table)) > 0)
			throw new Error(`The target already has rows in ${table}`);

	await target.transaction().execute(async (trx) => {
		for (const table of tables) {
			// In the order of SQLite's row ids, a batch at a time after the last one copied.
			for (let last = Number.MIN_SAFE_INTEGER; ;) {
				const batch = await sql<
					Record<string, unknown> & { copy_rowid: number }
				>`select rowid as copy_rowid, * from ${sql.table(table)} where rowid > ${last} order by rowid limit ${BATCH}`.execute(
					source
				);
				if (batch.rows.length === 0) break;
				last = batch.rows.at(-1)!.copy_rowid;
				const rows = batch.rows.map(({ copy_rowid: _, ...row }) => row);
				await trx
					.insertInto(table as never)
					.values(rows as never)
					.execute();
			}
		}
		// The copy's own inserts noted every learner and role as changed; each process loads
		// everything at its start anyway.
		await trx.deleteFrom('match_change').execute();
	});

	const report: CopyReport = { tables: [] };
	const differ: string[] = [];
	for (const table of tables) {
		const [rows, copied] = [await count(source, table), await count(target, table)];
		if (rows !== copied) differ.push(`${table}: ${rows} rows, ${copied} copied`);
		report.tables.push({ name: table, rows: copied });
	}
	if (differ.length > 0) throw new Error(`The copy is not whole: ${differ.join('; ')}`);
	return report;
}
