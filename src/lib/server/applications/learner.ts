/**
 * A learner's own applications: the list, one with its history, the one to a role, sharing the
 * profile on one, and what happens to them when the account is deleted.
 */
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import type { ApplicationStatus, Locale } from '../schema';
import { pickText as pick } from '../../format';
import { recordAudit } from '../audit/trail';
import { threadState, type ThreadState } from './thread';
import { canWithdraw, history, type ApplicationResult, type HistoryEntry } from './lifecycle';

export interface MyApplication {
	id: string;
	roleId: string;
	role: string;
	org: string;
	status: ApplicationStatus;
	message: string;
	updatedAt: number;
}

/** The learner's own applications, most recently changed first. */
export async function listMyApplications(
	db: Db,
	userId: string,
	locale: Locale
): Promise<MyApplication[]> {
	const rows = await db
		.selectFrom('application')
		.innerJoin('role', 'role.id', 'application.role_id')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.select([
			'application.id',
			'application.role_id',
			'application.status',
			'application.message',
			'application.updated_at',
			'role.title_my',
			'role.title_en',
			'organization.name'
		])
		.where('application.user_id', '=', userId)
		.orderBy('application.updated_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		roleId: r.role_id,
		role: pick(locale, r.title_my, r.title_en),
		org: r.name,
		status: r.status,
		message: r.message,
		updatedAt: r.updated_at
	}));
}

/** One of the learner's applications with its history and its thread's state; null for anyone else's. */
export async function getMyApplication(
	db: Db,
	userId: string,
	applicationId: string,
	locale: Locale
): Promise<
	(MyApplication & { history: HistoryEntry[]; canWithdraw: boolean; thread: ThreadState }) | null
> {
	const found = (await listMyApplications(db, userId, locale)).find((a) => a.id === applicationId);
	if (!found) return null;
	const row = await db
		.selectFrom('application')
		.select(['status', 'user_id', 'thread_closed_at', 'thread_closed_by', 'learner_muted'])
		.where('id', '=', applicationId)
		.executeTakeFirstOrThrow();
	return {
		...found,
		history: await history(db, applicationId),
		canWithdraw: canWithdraw(found.status),
		thread: threadState(row)
	};
}

/** The learner's application to a role, if any, with whether they shared their profile on it (for the role's page). */
export async function applicationFor(
	db: Db,
	userId: string,
	roleId: string
): Promise<{ id: string; status: ApplicationStatus; profileShared: boolean } | null> {
	const row = await db
		.selectFrom('application')
		.select(['id', 'status', 'profile_shared_at'])
		.where('user_id', '=', userId)
		.where('role_id', '=', roleId)
		.executeTakeFirst();
	return row
		? { id: row.id, status: row.status, profileShared: row.profile_shared_at !== null }
		: null;
}

/**
 * The learner shares their profile with the organization of one of their own applications, or
 * stops sharing it. Meant for a learner whose profile is hidden ("only me"): the organization
 * then sees it on this application, as it would with "only organizations I apply to", and no
 * other organization sees anything more. Not on a withdrawn application (withdrawing took
 * everything back). Recorded on the application (when) and in the audit trail, together.
 */
export async function shareProfile(
	db: Db,
	userId: string,
	applicationId: string,
	share: boolean,
	now = Date.now()
): Promise<ApplicationResult> {
	const application = await db
		.selectFrom('application')
		.select(['status', 'profile_shared_at'])
		.where('id', '=', applicationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!application) return { ok: false, error: 'no_application' };
	if (application.status === 'withdrawn') return { ok: false, error: 'not_allowed' };
	if ((application.profile_shared_at !== null) === share) return { ok: true };
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('application')
			.set({ profile_shared_at: share ? now : null })
			.where('id', '=', applicationId)
			.execute();
		await recordAudit(
			trx,
			[
				{
					actor: userId,
					org: null,
					action: share ? 'profile_share' : 'profile_unshare',
					object: applicationId
				}
			],
			now
		);
	});
	return { ok: true };
}

/** Applications still under way for both sides (undecided, or accepted and being worked on). */
const UNDER_WAY: ApplicationStatus[] = ['applied', 'shortlisted', 'accepted'];
/**
 * A learner deletes their account: each application stays with the organization, detached from
 * the person. One under way becomes withdrawn (a move by the learner, so the organization sees
 * it as news); the learner's message, the thread and the notes written to the learner go. Part of
 * the account's deletion (accounts/erase.ts), inside its transaction.
 */
export async function detachApplications(db: Db, userId: string, now: number): Promise<void> {
	const applications = await db
		.selectFrom('application')
		.select(['id', 'status'])
		.where('user_id', '=', userId)
		.execute();
	if (applications.length === 0) return;
	const ids = applications.map((a) => a.id);
	await db.deleteFrom('application_message').where('application_id', 'in', ids).execute();
	await db
		.updateTable('application_event')
		.set({ note: '' })
		.where('application_id', 'in', ids)
		.execute();
	const underWay = applications.filter((a) => UNDER_WAY.includes(a.status)).map((a) => a.id);
	if (underWay.length > 0) {
		await db
			.insertInto('application_event')
			.values(
				underWay.map((id) => ({
					id: newId(),
					application_id: id,
					status: 'withdrawn' as const,
					by: 'learner' as const,
					note: '',
					at: now
				}))
			)
			.execute();
		await db
			.updateTable('application')
			.set({ status: 'withdrawn', updated_at: now })
			.where('id', 'in', underWay)
			.execute();
	}
	await db
		.updateTable('application')
		.set({ user_id: null, message: '', learner_seen_at: 0, profile_shared_at: null })
		.where('id', 'in', ids)
		.execute();
}
