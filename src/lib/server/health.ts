import { sql } from 'kysely';
import type { Db } from './db';
import { pendingMigrations } from './migrate';
import type { MigrationProvider } from 'kysely';

export interface Health {
	ok: boolean;
	database: 'reachable' | 'unreachable';
	migrations: 'current' | 'pending' | 'unknown';
	pending: string[];
}

/** For process managers: is the database reachable, and has every migration run? */
export async function checkHealth(db: Db, provider: MigrationProvider): Promise<Health> {
	try {
		await sql`select 1`.execute(db);
	} catch {
		return { ok: false, database: 'unreachable', migrations: 'unknown', pending: [] };
	}
	const pending = await pendingMigrations(db, provider);
	return {
		ok: pending.length === 0,
		database: 'reachable',
		migrations: pending.length ? 'pending' : 'current',
		pending
	};
}
