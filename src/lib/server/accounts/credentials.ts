/**
 * An account's credentials after sign-up: a new password, new recovery codes, a reset with a
 * recovery code, and ending every other session.
 */
import { inTransaction, type Db } from '../db';
import type { User } from '../schema';
import { hashPassword, passwordProblem } from '../auth/password';
import { consumeRecoveryCode, replaceRecoveryCodes } from '../auth/recovery';
import { createSession, invalidateUserSessions } from '../auth/session';
import { forgetDevices, trustDevice } from '../auth/devices';
import { clearFailures, lockedFor, recordFailure } from '../auth/throttle';
import { lastActionOf, recordAudit } from '../audit/trail';
import { confirmPassword, type Confirmation, type NotConfirmed } from '../auth/confirm';
import { orgIdOf } from '../orgs/membership';
import { findByUsername, usernameKey, type Result } from './sign-in';

/** Changes the password after checking the current one (auth/confirm.ts); ends every other session. */
export async function changePassword(
	db: Db,
	userId: string,
	currentSessionId: string,
	input: { current: string; next: string },
	now = Date.now()
): Promise<Result<object>> {
	const confirmed = await confirmPassword(db, userId, input.current, now);
	if (!confirmed.ok) return confirmed;
	const user = await db
		.selectFrom('user')
		.select('username')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const weak = passwordProblem(input.next, user.username);
	if (weak) return { ok: false, error: weak };
	const passwordHash = await hashPassword(input.next);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash, password_changed_at: now, must_change_password: 0 })
			.where('id', '=', userId)
			.execute();
		await invalidateUserSessions(trx, userId, currentSessionId);
		await recordAudit(
			trx,
			[{ actor: userId, org: await orgIdOf(trx, userId), action: 'password_change', object: null }],
			now
		);
	});
	return { ok: true };
}

/**
 * Replaces the recovery codes with 10 new ones (returned once) after the current password: with
 * a moment at an open session, new codes would otherwise be a way to take the account for good,
 * voiding the holder's own. Recorded in the audit, so the account page can say when.
 */
export async function newRecoveryCodes(
	db: Db,
	userId: string,
	password: string,
	now = Date.now()
): Promise<{ ok: true; codes: string[] } | NotConfirmed> {
	const confirmed = await confirmPassword(db, userId, password, now);
	if (!confirmed.ok) return confirmed;
	const codes = await inTransaction(db, async (trx) => {
		const made = await replaceRecoveryCodes(trx, userId);
		await recordAudit(
			trx,
			[
				{
					actor: userId,
					org: await orgIdOf(trx, userId),
					action: 'recovery_codes_replaced',
					object: null
				}
			],
			now
		);
		return made;
	});
	return { ok: true, codes };
}

/** When the account last replaced its recovery codes (its own audit rows); null if never since sign-up. */
export async function codesReplacedAt(db: Db, userId: string): Promise<number | null> {
	return lastActionOf(db, userId, 'recovery_codes_replaced');
}

/** Ends every other session of the account, after its current password. */
export async function signOutEverywhere(
	db: Db,
	userId: string,
	currentSessionId: string,
	password: string,
	now = Date.now()
): Promise<Confirmation> {
	const confirmed = await confirmPassword(db, userId, password, now);
	if (!confirmed.ok) return confirmed;
	await inTransaction(db, async (trx) => {
		await invalidateUserSessions(trx, userId, currentSessionId);
		await forgetDevices(trx, userId);
	});
	return { ok: true };
}

/**
 * Sets a new password with a one-time recovery code. Ends every session and starts a new one.
 * Wrong codes count toward the same kind of lock as sign-in.
 */
export async function resetWithRecoveryCode(
	db: Db,
	input: { username: string; code: string; password: string; shared?: boolean },
	browser: string,
	now = Date.now()
): Promise<Result<{ token: string; user: User; deviceToken: string | null }>> {
	const key = usernameKey(input.username);
	const locked = await lockedFor(db, 'recover', key, now);
	if (locked > 0) return { ok: false, error: 'locked', retryAfterMs: locked };
	// Checked against the name typed, whether or not an account has it: the same answer either way.
	const weak = passwordProblem(input.password, input.username);
	if (weak) return { ok: false, error: weak };
	const user = await findByUsername(db, input.username);
	const passwordHash = await hashPassword(input.password);
	const result = await db.transaction().execute(async (trx) => {
		if (!user || !(await consumeRecoveryCode(trx, user.id, input.code, now))) return null;
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash, password_changed_at: now, must_change_password: 0 })
			.where('id', '=', user.id)
			.execute();
		await invalidateUserSessions(trx, user.id);
		// Whoever held the account's browsers before the reset is trusted no more.
		await forgetDevices(trx, user.id);
		const { token } = await createSession(trx, user.id, browser, now, { shared: input.shared });
		const deviceToken = input.shared ? null : await trustDevice(trx, user.id, null, now);
		await recordAudit(
			trx,
			[
				{ actor: user.id, org: await orgIdOf(trx, user.id), action: 'password_reset', object: null }
			],
			now
		);
		return { token, user, deviceToken };
	});
	if (!result) {
		// As for sign-in: the account tried, or none when no account has the name.
		await recordAudit(
			db,
			[
				{
					actor: user?.id ?? null,
					org: user ? await orgIdOf(db, user.id) : null,
					action: 'password_reset_failed',
					object: null
				}
			],
			now
		);
		const lockMs = await recordFailure(db, 'recover', key, now);
		if (lockMs > 0) return { ok: false, error: 'locked', retryAfterMs: lockMs };
		return { ok: false, error: 'invalid_recovery' };
	}
	await clearFailures(db, 'recover', key);
	await clearFailures(db, 'sign-in', key);
	return { ok: true, ...result };
}
