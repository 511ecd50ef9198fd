import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// A learner whose profile is hidden ("only me") may share it with the organization of one
// application, from the role's page: when they did (null: not shared). The organization then
// sees the profile on that application only; withdrawing or "stop sharing" takes it back.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('application').addColumn('profile_shared_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('application').dropColumn('profile_shared_at').execute();
}
