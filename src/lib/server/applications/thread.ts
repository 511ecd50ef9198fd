/**
 * An application's message thread is the learner's to control, at any time, after a decision
 * too: they may close it (nobody writes into it any more, until they open it again) or mute it
 * (the organization may still write, but its messages make no "new" badge). A decline closes
 * it, so an organization that said no cannot keep writing; withdrawing, or deleting the
 * account, ends it for good. Reading stays open to both sides.
 */
import type { Db } from '../db';
import type { ApplicationStatus } from '../schema';
import type { Result } from '$lib/result';

export type ThreadChange = 'close' | 'reopen' | 'mute' | 'unmute';

export interface ThreadState {
	/** Either side may write. */
	open: boolean;
	/** Who closed it: the learner, or the organization's decline; null while open or ended. */
	closedBy: 'learner' | 'organization' | null;
	/** Ended for good: the application was withdrawn or the learner's account deleted. */
	ended: boolean;
	/** The learner muted it (shown to the learner only). */
	muted: boolean;
}

/** The thread's state from its application's row. */
export function threadState(row: {
	status: ApplicationStatus;
	user_id: string | null;
	thread_closed_at: number | null;
	thread_closed_by: 'learner' | 'organization' | null;
	learner_muted: number;
}): ThreadState {
	const ended = row.status === 'withdrawn' || row.user_id === null;
	const closed = row.thread_closed_at !== null;
	return {
		open: !ended && !closed,
		closedBy: !ended && closed ? row.thread_closed_by : null,
		ended,
		muted: row.learner_muted === 1
	};
}

/** The columns a decline sets, in the same write as the decision: the thread closes. */
export const closedByDecline = (now: number) => ({
	thread_closed_at: now,
	thread_closed_by: 'organization' as const
});

/**
 * The learner closes, reopens, mutes or unmutes the thread of one of their own applications;
 * an ended thread (withdrawn) cannot be reopened. Null when the application is not theirs.
 */
export async function changeThread(
	db: Db,
	userId: string,
	applicationId: string,
	change: ThreadChange,
	now = Date.now()
): Promise<Result<{ thread: ThreadState }, 'no_application' | 'not_allowed'>> {
	const row = await db
		.selectFrom('application')
		.select(['status', 'user_id', 'thread_closed_at', 'thread_closed_by', 'learner_muted'])
		.where('id', '=', applicationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return { ok: false, error: 'no_application' };
	if (threadState(row).ended) return { ok: false, error: 'not_allowed' };
	const set =
		change === 'close'
			? {
					thread_closed_at: row.thread_closed_at ?? now,
					thread_closed_by: row.thread_closed_by ?? ('learner' as const)
				}
			: change === 'reopen'
				? { thread_closed_at: null, thread_closed_by: null }
				: { learner_muted: change === 'mute' ? 1 : 0 };
	await db.updateTable('application').set(set).where('id', '=', applicationId).execute();
	return { ok: true, thread: threadState({ ...row, ...set }) };
}
