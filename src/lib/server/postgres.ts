/**
 * PostgreSQL, for several servers on one database (DATABASE_URL=postgres://...). Only db.ts uses
 * this module, and `pg` itself is imported when the first connection is made: an SQLite
 * install never loads it, and needs no PostgreSQL.
 *
 * - Numbers: `pg` returns int8 (every `bigint` column, `count(*)`, `max` of a time) and numeric
 *   (`sum` of a `bigint`) as strings, because they can pass 2^53. Lanpya's are epoch
 *   milliseconds and counts, far below, and the app reads numbers on SQLite: both are parsed as
 *   numbers here, for this pool's connections only (not pg's global parsers).
 * - One writer at a time, as SQLite: every transaction first takes one advisory lock
 *   (`pg_advisory_xact_lock`), held until it commits or rolls back. The domain code counts and
 *   then writes in one transaction (a training's last place, a sync event's claim, a sign-in
 *   lock), which is safe when no other transaction writes in between: SQLite's `begin immediate`
 *   gives that, and this lock gives the same across every server. Statements outside a
 *   transaction do not wait for it. A lock not had within DATABASE_BUSY_MS (`lock_timeout`) is
 *   "busy", answered 503 as on SQLite.
 * - `in` an empty list: SQLite takes `x in ()` (false) and `x not in ()` (true), PostgreSQL
 *   refuses them as a syntax error; EmptyListsPlugin writes them as `false` and `true`.
 */
import {
	CompiledQuery,
	OperationNodeTransformer,
	sql,
	type DatabaseConnection,
	type KyselyPlugin,
	type OperationNode,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type PostgresDialectConfig,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import type { CustomTypesConfig } from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * The advisory lock every transaction takes first ("Lanp" in ASCII). Statements that change what
 * matching watches take it too, by trigger (migrations/0010_match_changes.ts, which has its own
 * copy of the number), so its notes commit in the order of their numbers.
 */
const WRITER_LOCK = 0x4c616e70;

/** Kysely's PostgreSQL dialect's settings: a pool of `pg` connections to `url`, made at first use. */
export function postgresConfig(url: string, options: { busyMs: number }): PostgresDialectConfig {
	return {
		pool: async () => {
			const { default: pg } = await import('pg');
			const types = {
				getTypeParser: (oid: number, format?: 'text' | 'binary') =>
					oid === INT8 || oid === NUMERIC
						? (value: string) => Number(value)
						: pg.types.getTypeParser(oid, format)
			} as CustomTypesConfig;
			const pool = new pg.Pool({ connectionString: url, types, lock_timeout: options.busyMs });
			// An idle connection the server ended (a restart, a dropped database) leaves the pool;
			// the next query opens another. Unheard, `pg` would make it the process's crash.
			pool.on('error', () => {});
			return pool;
		}
	};
}

/**
 * Begins a transaction as every one on PostgreSQL begins: the writer's lock first. Not had in
 * time, the transaction is rolled back here, since Kysely hands a connection whose begin failed
 * straight back to the pool, where a transaction left open would refuse every later query.
 */
export async function beginPostgresTransaction(connection: DatabaseConnection): Promise<void> {
	await connection.executeQuery(CompiledQuery.raw('begin'));
	try {
		await connection.executeQuery(
			CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITER_LOCK})`)
		);
	} catch (error) {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
		throw error;
	}
}

/**
 * PostgreSQL's error codes (SQLSTATE) that mean "try again later": disk_full (53100), and a
 * lock not had in time (lock_not_available, 55P03), a serialization failure (40001), a deadlock
 * (40P01), too many connections (53300) or a server starting or stopping (57P03). Anything
 * else stays an error.
 */
export function postgresUnavailable(error: unknown): 'full' | 'busy' | null {
	if (typeof error !== 'object' || error === null) return null;
	const { code, severity } = error as { code?: unknown; severity?: unknown };
	if (typeof code !== 'string' || typeof severity !== 'string') return null;
	if (code === '53100') return 'full';
	if (['55P03', '40001', '40P01', '53300', '57P03'].includes(code)) return 'busy';
	return null;
}

const FALSE = sql`false`.toOperationNode();
const TRUE = sql`true`.toOperationNode();

function emptyList(node: OperationNode): boolean {
	return (
		(node.kind === 'ValueListNode' || node.kind === 'PrimitiveValueListNode') &&
		(node as unknown as { values: readonly unknown[] }).values.length === 0
	);
}

class EmptyLists extends OperationNodeTransformer {
	override transformNode<T extends OperationNode | undefined>(node: T): T {
		if (node?.kind === 'BinaryOperationNode') {
			const { operator, rightOperand } = node as unknown as {
				operator: OperationNode;
				rightOperand: OperationNode;
			};
			const op = (operator as unknown as { operator?: string }).operator;
			if ((op === 'in' || op === 'not in') && emptyList(rightOperand))
				return (op === 'in' ? FALSE : TRUE) as unknown as T;
		}
		return super.transformNode(node);
	}
}

/** Writes `in ()` as `false` and `not in ()` as `true`, as SQLite reads them. */
export class EmptyListsPlugin implements KyselyPlugin {
	readonly #transformer = new EmptyLists();

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return this.#transformer.transformNode(args.node);
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}
