import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Several server processes on one database (WORKERS): what one process kept in its memory and
// the others must see too.
export async function up(db: Kysely<any>): Promise<void> {
	// Each process's place in the change notes of matching (match_change): notes are read, not
	// deleted, and pruned once every reader has passed them. A reader that stops beating (its
	// process died) is dropped, so it cannot hold pruning back.
	await db.schema
		.createTable('match_reader')
		// Random per process and index ('learner' or 'roles'), made at its start.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('beat_at', 'bigint', (c) => c.notNull())
		.execute();
	// Attempts counted per network address (failed sign-ins, sign-ups, organization
	// applications), kept only for the limit's window. The key is a hash of the address under
	// a salt of the window (attempt_salt), never the address.
	await db.schema
		.createTable('attempt')
		// Which limit: 'sign_in', 'sign_up', 'sign_up_all', 'org_application', 'org_application_all'.
		.addColumn('bucket', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('attempt_by_key').on('attempt').columns(['bucket', 'key', 'at']).execute();
	await db.schema.createIndex('attempt_by_time').on('attempt').column('at').execute();
	// Random salts, one per window of the attempt limits, deleted two windows later: once gone,
	// the keys made with it cannot be tried against addresses.
	await db.schema
		.createTable('attempt_salt')
		.addColumn('epoch', 'bigint', (c) => c.primaryKey())
		.addColumn('salt', 'text', (c) => c.notNull())
		.execute();
	// Work that one process of all does at a time (the daily sweep): held until `until`.
	await db.schema
		.createTable('lease')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('holder', 'text', (c) => c.notNull())
		.addColumn('until', 'bigint', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('lease').execute();
	await db.schema.dropTable('attempt_salt').execute();
	await db.schema.dropTable('attempt').execute();
	await db.schema.dropTable('match_reader').execute();
}
