/**
 * Accounts unused for `INACTIVE_ACCOUNT_MONTHS` (24 by default) are deleted for good, as if
 * their holder had asked (./erase.ts): by the server once a day, and by `npm run prune`
 * (../housekeeping.ts).
 * Unused means: made before the cutoff, no sign-in and no request with one of its sessions
 * (offline sync included) since then, as `user.last_active_at` (kept to the day) and the
 * sessions' last use (kept to the hour) tell.
 */
import { config } from '../config';
import type { Db } from '../db';
import { eraseAccounts } from './erase';

/** The time `months` calendar months before `now`. */
export function inactiveCutoff(now: number, months: number): number {
	const date = new Date(now);
	date.setUTCMonth(date.getUTCMonth() - months);
	return date.getTime();
}

/** Deletes the accounts unused since `months` before `now`; `months` 0 deletes none. */
export async function deleteInactiveAccounts(
	db: Db,
	now = Date.now(),
	months = config.inactiveAccountMonths
): Promise<{ deleted: number; cutoff: number | null }> {
	if (months <= 0) return { deleted: 0, cutoff: null };
	const cutoff = inactiveCutoff(now, months);
	const unused = await db
		.selectFrom('user')
		.select('user.id')
		.where('user.last_active_at', '<', cutoff)
		.where('user.created_at', '<', cutoff)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('session')
						.select('session.id')
						.whereRef('session.user_id', '=', 'user.id')
						.where('session.last_seen_at', '>=', cutoff)
				)
			)
		)
		.execute();
	return {
		deleted: await eraseAccounts(
			db,
			unused.map((u) => u.id),
			now
		),
		cutoff
	};
}
