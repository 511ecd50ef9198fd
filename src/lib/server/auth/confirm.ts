/**
 * The password asked again before a change that would let whoever holds an open session (a
 * phone seized or borrowed while signed in, a shared phone within its idle time, a stolen
 * cookie) keep the account or expose its holder: new recovery codes, a more visible profile,
 * signing out everywhere, deleting the account, a new password. Wrong passwords all count toward
 * one lock per account (the `password` scope of ./throttle.ts, apart from sign-in's, so a
 * stranger at the sign-in page cannot lock the holder out of these): 6 lock them for 30 minutes.
 */
import type { Db } from '../db';
import { verifyPassword } from './password';
import { clearFailures, lockedFor, recordFailure } from './throttle';
import type { Result } from '$lib/result';

export type Confirmation = Result<object, 'wrong_password' | 'locked', { retryAfterMs?: number }>;
export type NotConfirmed = Extract<Confirmation, { ok: false }>;

/** Checks the account's current password, counting a wrong one; a right one clears the count. */
export async function confirmPassword(
	db: Db,
	userId: string,
	password: string,
	now = Date.now()
): Promise<Confirmation> {
	const user = await db
		.selectFrom('user')
		.select(['password_hash', 'username_key'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) return { ok: false, error: 'wrong_password' };
	const locked = await lockedFor(db, 'password', user.username_key, now);
	if (locked > 0) return { ok: false, error: 'locked', retryAfterMs: locked };
	if (!(await verifyPassword(user.password_hash, password))) {
		const lockMs = await recordFailure(db, 'password', user.username_key, now);
		return lockMs > 0
			? { ok: false, error: 'locked', retryAfterMs: lockMs }
			: { ok: false, error: 'wrong_password' };
	}
	await clearFailures(db, 'password', user.username_key);
	return { ok: true };
}
