/**
 * What tests ask of the database itself (its tables, columns and foreign keys; a write made to
 * fail), on SQLite or PostgreSQL (TEST_DATABASE_URL, see ./db.ts): the one place tests hold SQL
 * of one engine.
 */
import { sql } from 'kysely';
import { isPostgres, type Db } from '$lib/server/db';

/**
 * Every table, in byte order of names. SQLite's own tables are left out, and so, unless
 * `shadows`, are the shadow tables in which a virtual table (the search index) keeps its data.
 * On PostgreSQL, the tables of the connection's schema.
 */
export async function tableNames(db: Db, options: { shadows?: boolean } = {}): Promise<string[]> {
	if (isPostgres(db)) {
		const tables = await sql<{
			name: string;
		}>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name collate "C"`.execute(
			db
		);
		return tables.rows.map((r) => r.name);
	}
	const tables = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' and substr(name, 1, 7) != 'sqlite_' order by name`.execute(
		db
	);
	if (options.shadows) return tables.rows.map((r) => r.name);
	const shadows = await sql<{
		name: string;
	}>`select name from pragma_table_list where type = 'shadow'`.execute(db);
	const shadow = new Set(shadows.rows.map((r) => r.name));
	return tables.rows.map((r) => r.name).filter((name) => !shadow.has(name));
}

/** The columns of `table`, in their order. */
export async function columnNames(db: Db, table: string): Promise<string[]> {
	const info = isPostgres(db)
		? await sql<{
				name: string;
			}>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(
				db
			)
		: await sql<{
				name: string;
			}>`select name from pragma_table_info(${table}) order by cid`.execute(db);
	return info.rows.map((r) => r.name);
}

/** The foreign keys of `table`: its column, the table referred to, and that table's column. */
export async function foreignKeys(
	db: Db,
	table: string
): Promise<{ from: string; table: string; to: string | null }[]> {
	if (isPostgres(db)) {
		const keys = await sql<{ from: string; table: string; to: string }>`
			select kcu.column_name as "from", ccu.table_name as "table", ccu.column_name as "to"
			from information_schema.table_constraints tc
			join information_schema.key_column_usage kcu
				on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
			join information_schema.constraint_column_usage ccu
				on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
			where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
				and tc.table_name = ${table}`.execute(db);
		return keys.rows;
	}
	const keys = await sql<{
		from: string;
		table: string;
		to: string | null;
	}>`select "from", "table", "to" from pragma_foreign_key_list(${table})`.execute(db);
	return keys.rows;
}

/** How many rows of `table` hold `needle` in `column`, read as text. */
export async function rowsHolding(
	db: Db,
	table: string,
	column: string,
	needle: string
): Promise<number> {
	const found = sql.raw(isPostgres(db) ? 'strpos' : 'instr');
	const hit = await sql<{
		n: number;
	}>`select count(*) as n from ${sql.table(table)} where ${found}(cast(${sql.ref(column)} as text), ${needle}) > 0`.execute(
		db
	);
	return Number(hit.rows[0].n);
}

/**
 * Makes inserts into `table` fail with `message` (only rows whose `when.column` is
 * `when.value`, when given), as a full disk or a fault would, until the returned function
 * undoes it. A trigger, written in each engine's language.
 */
export async function refuseInserts(
	db: Db,
	table: string,
	message: string,
	when?: { column: string; value: string }
): Promise<() => Promise<void>> {
	const name = `refuse_${table}`;
	if (isPostgres(db)) {
		const condition = when ? `when (new.${when.column} = '${when.value}')` : '';
		await sql
			.raw(
				`create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`
			)
			.execute(db);
		await sql
			.raw(
				`create trigger ${name} before insert on ${table} for each row ${condition} execute function ${name}()`
			)
			.execute(db);
		return async () => {
			await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
			await sql.raw(`drop function ${name}()`).execute(db);
		};
	}
	const condition = when ? `when new.${when.column} = '${when.value}'` : '';
	await sql
		.raw(
			`create trigger ${name} before insert on ${table} ${condition} begin select raise(abort, '${message}'); end`
		)
		.execute(db);
	return async () => {
		await sql.raw(`drop trigger ${name}`).execute(db);
	};
}

/**
 * Rows whose foreign key names a row that does not exist: SQLite's `foreign_key_check`, and on
 * PostgreSQL (which never lets one in while its checks run) the same, counted per key.
 */
export async function brokenForeignKeys(db: Db): Promise<string[]> {
	if (!isPostgres(db)) {
		const broken = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(
			db
		);
		return broken.rows.map((r) => `${r.table} → ${r.parent}`);
	}
	const problems: string[] = [];
	for (const table of await tableNames(db))
		for (const key of await foreignKeys(db, table)) {
			const orphans = await sql<{ n: number }>`
				select count(*) as n from ${sql.table(table)} c
				where c.${sql.ref(key.from)} is not null and not exists (
					select 1 from ${sql.table(key.table)} p where p.${sql.ref(key.to ?? 'id')} = c.${sql.ref(key.from)})`.execute(
				db
			);
			if (Number(orphans.rows[0].n) > 0) problems.push(`${table} → ${key.table}`);
		}
	return problems;
}

/**
 * Whether foreign keys are checked on this connection: SQLite's `foreign_keys` pragma; on
 * PostgreSQL, unless `session_replication_role` turned the checks' triggers off.
 */
export async function foreignKeysChecked(db: Db): Promise<boolean> {
	if (isPostgres(db)) {
		const role = await sql<{
			role: string;
		}>`select current_setting('session_replication_role') as role`.execute(db);
		return role.rows[0].role !== 'replica';
	}
	const on = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
	return on.rows[0].foreign_keys === 1;
}
