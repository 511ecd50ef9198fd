import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// When the learner chose to show their profile to the organization a request for help went to
// (null: never, or no longer). Nothing of the profile is copied: the organization reads it as
// it is, while this is set.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('help_request').addColumn('profile_shared_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('help_request').dropColumn('profile_shared_at').execute();
}
