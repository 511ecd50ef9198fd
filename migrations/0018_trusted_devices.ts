import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Browsers that have signed in to an account before (a device cookie): such a browser may sign
// in while the account's name is locked by someone else's wrong guesses. Only the SHA-256 of the
// cookie's random token is kept, with the account and when the trust ends.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('trusted_device')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('trusted_device_user').on('trusted_device').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('trusted_device').execute();
}
