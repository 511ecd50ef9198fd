import type { Kysely } from 'kysely';

// Frozen once landed: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organization')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('reviewed_at', 'bigint')
		.execute();
	await db.schema.createIndex('organization_status').on('organization').column('status').execute();

	await db.schema
		.createTable('org_member')
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().unique().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('joined_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('org_member_pk', ['org_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('org_invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('used_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('used_at', 'bigint')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('org_invitation').execute();
	await db.schema.dropTable('org_member').execute();
	await db.schema.dropTable('organization').execute();
}
