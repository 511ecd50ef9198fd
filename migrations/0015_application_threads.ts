import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// The learner controls an application's message thread at any time, after a decision too: they
// may close it (nobody writes any more, until they open it again) or mute it (the organization
// may still write, but its messages no longer make a "new" badge). A decline closes the thread.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('application').addColumn('thread_closed_at', 'bigint').execute();
	// 'learner' (the learner closed it) or 'organization' (its decline closed it); null while open.
	await db.schema.alterTable('application').addColumn('thread_closed_by', 'text').execute();
	await db.schema.alterTable('application').addColumn('learner_muted', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('application').dropColumn('learner_muted').execute();
	await db.schema.alterTable('application').dropColumn('thread_closed_by').execute();
	await db.schema.alterTable('application').dropColumn('thread_closed_at').execute();
}
