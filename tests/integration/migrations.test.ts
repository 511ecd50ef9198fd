/** Every migration goes down and up again cleanly, so a deploy can be rolled back. */
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { BundledMigrationProvider } from '$lib/server/migrate';
import { freshDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshDb()));
afterEach(() => cleanup());

it('rolls every migration back to an empty database and forward again', async () => {
	const migrator = new Migrator({ db, provider: new BundledMigrationProvider() });
	const names = Object.keys(await new BundledMigrationProvider().getMigrations()).sort();
	const down = await migrator.migrateTo(NO_MIGRATIONS);
	expect(down.error).toBeUndefined();
	expect(down.results?.map((r) => r.migrationName)).toEqual([...names].reverse());
	// Only the search index remains: the database opens it itself (db.ts), it is not a migration's.
	const tables = await db.introspection.getTables();
	expect(tables.map((t) => t.name).filter((name) => !name.startsWith('course_search'))).toEqual([]);
	const up = await migrator.migrateToLatest();
	expect(up.error).toBeUndefined();
	expect(up.results?.map((r) => `${r.migrationName} ${r.status}`)).toEqual(names.map((n) => `${n} Success`));
});
