/**
 * The messages between a learner and the organization on an application.
 */
import type { Db } from '../db';
import { learnerMessageQuota } from '../quotas';
import { newId } from '../auth/tokens';
import { recordAudit } from '../audit/trail';
import { threadState } from './thread';
import { orgApplication, type ApplicationResult } from './lifecycle';

export interface ThreadMessage {
	by: 'learner' | 'organization';
	body: string;
	at: number;
}

/** Which side the caller is on for this application (with the organization's id), or null when it is not theirs to read. */
async function sideOf(
	db: Db,
	userId: string,
	applicationId: string
): Promise<{ side: 'learner' } | { side: 'organization'; orgId: string } | null> {
	const own = await db
		.selectFrom('application')
		.select('id')
		.where('id', '=', applicationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (own) return { side: 'learner' };
	const { orgId, application } = await orgApplication(db, userId, applicationId);
	return orgId && application ? { side: 'organization', orgId } : null;
}

/**
 * The application's messages, oldest first; null when the caller may not read them. An
 * organization's reading is recorded in the audit trail before the messages are returned.
 */
export async function readThread(
	db: Db,
	userId: string,
	applicationId: string,
	now = Date.now()
): Promise<ThreadMessage[] | null> {
	const reader = await sideOf(db, userId, applicationId);
	if (!reader) return null;
	if (reader.side === 'organization')
		await recordAudit(
			db,
			[{ actor: userId, org: reader.orgId, action: 'messages_view', object: applicationId }],
			now
		);
	return db
		.selectFrom('application_message')
		.select(['by', 'body', 'at'])
		.where('application_id', '=', applicationId)
		.orderBy('at')
		.orderBy('id')
		.execute();
}

/**
 * Adds a message from the caller's side while the thread is open (see thread.ts): not once
 * closed, withdrawn or the account deleted, nor past a learner's daily quota of messages
 * (QUOTAS.messages, all threads together).
 */
export async function postMessage(
	db: Db,
	userId: string,
	applicationId: string,
	body: string,
	now = Date.now()
): Promise<ApplicationResult> {
	const reader = await sideOf(db, userId, applicationId);
	if (!reader) return { ok: false, error: 'no_application' };
	const application = await db
		.selectFrom('application')
		.select(['status', 'user_id', 'thread_closed_at', 'thread_closed_by', 'learner_muted'])
		.where('id', '=', applicationId)
		.executeTakeFirstOrThrow();
	if (!threadState(application).open) return { ok: false, error: 'not_allowed' };
	if (reader.side === 'learner') {
		const quota = await learnerMessageQuota(db, userId, now);
		if (!quota.ok) return { ok: false, error: 'quota', retryAfterMs: quota.retryAfterMs };
	}
	await db
		.insertInto('application_message')
		.values({ id: newId(), application_id: applicationId, by: reader.side, body, at: now })
		.execute();
	return { ok: true };
}
