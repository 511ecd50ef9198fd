import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// The Ed25519 keys that sign course files passed from phone to phone. Kept in the database so a
// backup carries them. Rotation wipes the old private key and keeps its public key, so files
// already signed with it still open.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('signing_key')
		// The first 16 hex digits of the SHA-256 of the raw public key.
		.addColumn('id', 'text', (c) => c.primaryKey())
		// The raw 32-byte public key, base64url.
		.addColumn('public_key', 'text', (c) => c.notNull())
		// PKCS#8 PEM; null once the key is retired.
		.addColumn('private_key', 'text')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('retired_at', 'bigint')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('signing_key').execute();
}
