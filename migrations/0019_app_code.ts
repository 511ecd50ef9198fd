import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// The code (PIN) that opens an app behind a disguise: the account keeps only its argon2id hash.
// A session remembers when its holder last proved to be there (the code, the password, or a
// request while open; empty once locked) and how many wrong codes it was given in a row.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('user').addColumn('pin_hash', 'text').execute();
	await db.schema.alterTable('session').addColumn('pin_at', 'bigint').execute();
	await db.schema.alterTable('session').addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('session').dropColumn('pin_failures').execute();
	await db.schema.alterTable('session').dropColumn('pin_at').execute();
	await db.schema.alterTable('user').dropColumn('pin_hash').execute();
}
