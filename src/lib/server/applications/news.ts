/**
 * In-app notification badges (never email or SMS): what changed since a side last looked.
 * An application has news for the learner when the organization moved it or wrote after the
 * learner last opened it, and for the organization when the learner applied, withdrew or wrote
 * after anyone of the organization last opened it. Administrators see what waits for them.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import { vettedOrgOf } from '../orgs/membership';
import type { Database } from '../schema';
import { coursesSubmitted } from '../courses/review';
import { learnerHelpNews, orgHelpNews } from '../services/requests';

type Side = 'learner' | 'organization';

/**
 * Whether the other side did something after `side` last opened the application. For a learner
 * who muted the thread, the organization's messages are no news (its decisions still are).
 */
function hasNews(side: Side) {
	const other: Side = side === 'learner' ? 'organization' : 'learner';
	const seen = side === 'learner' ? 'application.learner_seen_at' : 'application.org_seen_at';
	return ({ and, eb, exists, or, selectFrom }: ExpressionBuilder<Database, 'application'>) => {
		const message = exists(
			selectFrom('application_message')
				.select('application_message.id')
				.whereRef('application_message.application_id', '=', 'application.id')
				.where('application_message.by', '=', other)
				.whereRef('application_message.at', '>', seen)
		);
		return or([
			exists(
				selectFrom('application_event')
					.select('application_event.id')
					.whereRef('application_event.application_id', '=', 'application.id')
					.where('application_event.by', '=', other)
					.whereRef('application_event.at', '>', seen)
			),
			side === 'learner' ? and([eb('application.learner_muted', '=', 0), message]) : message
		]);
	};
}

/** Ids of the learner's applications with news for them. */
export async function learnerNews(db: Db, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('application')
		.select('application.id')
		.where('application.user_id', '=', userId)
		.where(hasNews('learner'))
		.execute();
	return rows.map((r) => r.id);
}

/** Ids of applications to the member's vetted organization with news for it, with their role. */
export async function orgNews(db: Db, memberId: string): Promise<{ id: string; roleId: string }[]> {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return [];
	return db
		.selectFrom('application')
		.innerJoin('role', 'role.id', 'application.role_id')
		.select(['application.id', 'application.role_id as roleId'])
		.where('role.org_id', '=', orgId)
		.where(hasNews('organization'))
		.execute();
}

/** The side has seen the application now: its news is no longer counted. */
export async function markSeen(
	db: Db,
	applicationId: string,
	side: Side,
	now = Date.now()
): Promise<void> {
	await db
		.updateTable('application')
		.set(side === 'learner' ? { learner_seen_at: now } : { org_seen_at: now })
		.where('id', '=', applicationId)
		.execute();
}

/** Organizations waiting to be vetted, roles waiting for review and organizations' courses waiting for their first publication. */
export async function adminWaiting(db: Db): Promise<number> {
	const orgs = await db
		.selectFrom('organization')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	const roles = await db
		.selectFrom('role')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'submitted')
		.executeTakeFirstOrThrow();
	return Number(orgs.n) + Number(roles.n) + (await coursesSubmitted(db));
}

/** The count on the account's main link: news on applications, or what waits for an administrator. */
export async function badgeFor(
	db: Db,
	user: { id: string; kind: 'learner' | 'org_member' | 'admin' }
): Promise<number> {
	if (user.kind === 'learner')
		return (await learnerNews(db, user.id)).length + (await learnerHelpNews(db, user.id));
	if (user.kind === 'org_member')
		return (await orgNews(db, user.id)).length + (await orgHelpNews(db, user.id));
	return adminWaiting(db);
}
