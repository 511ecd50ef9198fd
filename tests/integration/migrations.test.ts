/** Every migration goes down and up again cleanly, so a deploy can be rolled back. */
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { BundledMigrationProvider } from '$lib/server/migrate';
import { freshDb } from '../helpers/db';
import { brokenForeignKeys, foreignKeysChecked } from '../helpers/engine';

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
	expect(up.results?.map((r) => `${r.migrationName} ${r.status}`)).toEqual(
		names.map((n) => `${n} Success`)
	);
});

it('keeps every application, its history and messages when 0012 lets an application outlive its account, and back', async () => {
	const migrator = new Migrator({ db, provider: new BundledMigrationProvider() });
	expect((await migrator.migrateTo('0011_application_seen')).error).toBeUndefined();
	for (const id of ['u1', 'u2']) {
		await sql`insert into "user" (id, username, username_key, password_hash, kind, locale, must_change_password, created_at, password_changed_at) values (${id}, ${id}, ${id}, 'x', 'learner', 'my', 0, 1, 1)`.execute(
			db
		);
	}
	await sql`insert into organization (id, name, kind, description, status, created_at) values ('o', 'Org', 'ngo', '', 'vetted', 1)`.execute(
		db
	);
	await sql`insert into role (id, org_id, kind, title_my, title_en, description_my, description_en, safety_my, safety_en, remote, availability, pay, seats, status, created_at, updated_at) values ('r', 'o', 'trainer', '', 'Role', '', '', '', '', 0, 'volunteer', '', 1, 'open', 1, 1)`.execute(
		db
	);
	for (const [app, user] of [
		['a1', 'u1'],
		['a2', 'u2']
	]) {
		await sql`insert into application (id, role_id, user_id, message, status, created_at, updated_at, org_seen_at) values (${app}, 'r', ${user}, 'hello', 'applied', 1, 1, 5)`.execute(
			db
		);
		await sql`insert into application_event (id, application_id, status, by, note, at) values (${`${app}-e`}, ${app}, 'applied', 'learner', '', 1)`.execute(
			db
		);
		await sql`insert into application_message (id, application_id, by, body, at) values (${`${app}-m`}, ${app}, 'learner', 'hi', 1)`.execute(
			db
		);
	}
	const rows = async (table: string) =>
		(await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n;

	expect((await migrator.migrateToLatest()).error).toBeUndefined();
	expect([
		await rows('application'),
		await rows('application_event'),
		await rows('application_message')
	]).toEqual([2, 2, 2]);
	expect(
		await db.selectFrom('application').select(['id', 'org_seen_at']).orderBy('id').execute()
	).toEqual([
		{ id: 'a1', org_seen_at: 5 },
		{ id: 'a2', org_seen_at: 5 }
	]);
	expect(
		(await db.selectFrom('user').select('last_active_at').execute()).every(
			(u) => u.last_active_at > 0
		)
	).toBe(true);
	// An account's deletion now leaves its application, detached.
	await db.deleteFrom('user').where('id', '=', 'u1').execute();
	expect(
		await db.selectFrom('application').select(['id', 'user_id']).orderBy('id').execute()
	).toEqual([
		{ id: 'a1', user_id: null },
		{ id: 'a2', user_id: 'u2' }
	]);
	expect([await rows('application_event'), await rows('application_message')]).toEqual([2, 2]);
	expect(await brokenForeignKeys(db)).toEqual([]);

	// Back: the old table cannot hold an application without an account, so that one goes with its history.
	expect((await migrator.migrateTo('0011_application_seen')).error).toBeUndefined();
	expect(await db.selectFrom('application').select('id').execute()).toEqual([{ id: 'a2' }]);
	expect([await rows('application_event'), await rows('application_message')]).toEqual([1, 1]);
	expect(await brokenForeignKeys(db)).toEqual([]);
	expect(await foreignKeysChecked(db)).toBe(true);
});
