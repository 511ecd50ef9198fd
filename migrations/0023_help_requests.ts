import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
// Private requests for help: a learner asks a listed service; a text-only thread follows; the
// organization may propose passing the person on to another service, and only with the
// learner's agreement does a new request, holding exactly the words agreed, reach it.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('help_request')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('service_id', 'text', (c) => c.notNull().references('service.id').onDelete('cascade'))
		// The service's organization, the only one that ever sees the request.
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		// What help the learner asks for (a service kind).
		.addColumn('kind', 'text', (c) => c.notNull())
		// today, this_week or when_possible.
		.addColumn('urgency', 'text', (c) => c.notNull())
		// open, in_progress or closed.
		.addColumn('status', 'text', (c) => c.notNull())
		// learner or organization, once closed.
		.addColumn('closed_by', 'text')
		.addColumn('closed_at', 'bigint')
		// 1: made by a referral the learner agreed to.
		.addColumn('referred', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		// What each side last saw of it (news).
		.addColumn('learner_seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('org_seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('help_request_user').on('help_request').columns(['user_id']).execute();
	await db.schema.createIndex('help_request_org').on('help_request').columns(['org_id', 'status']).execute();
	await db.schema.createIndex('help_request_closed').on('help_request').columns(['closed_at']).execute();

	await db.schema
		.createTable('help_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('request_id', 'text', (c) => c.notNull().references('help_request.id').onDelete('cascade'))
		// learner or organization.
		.addColumn('by', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('help_message_thread').on('help_message').columns(['request_id', 'at']).execute();

	await db.schema
		.createTable('help_referral')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('request_id', 'text', (c) => c.notNull().references('help_request.id').onDelete('cascade'))
		// The service the person would be passed on to.
		.addColumn('to_service_id', 'text', (c) => c.notNull().references('service.id').onDelete('cascade'))
		// proposed, agreed or declined.
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('proposed_at', 'bigint', (c) => c.notNull())
		.addColumn('decided_at', 'bigint')
		.execute();
	await db.schema.createIndex('help_referral_request').on('help_referral').columns(['request_id']).execute();

	// Which of the learner's messages a referral would pass on, exactly those.
	await db.schema
		.createTable('help_referral_message')
		.addColumn('referral_id', 'text', (c) => c.notNull().references('help_referral.id').onDelete('cascade'))
		.addColumn('message_id', 'text', (c) => c.notNull().references('help_message.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('help_referral_message_pk', ['referral_id', 'message_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['help_referral_message', 'help_referral', 'help_message', 'help_request'])
		await db.schema.dropTable(table).execute();
}
