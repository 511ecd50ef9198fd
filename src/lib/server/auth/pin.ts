/**
 * The code (PIN) that opens the app behind a disguise (docs/architecture.md, "Disguise").
 * A learner who gives the app a neutral look chooses a code; from then on every session of the
 * account is guarded (session.ts): after a few idle minutes, or as soon as the app is opened
 * from its cover, nothing of the app opens before the code (access.ts, PIN_OPEN).
 *
 * The account keeps only an argon2id hash of the code (salted, slow), like the password. A
 * session counts wrong codes in a row and ends at PIN_TRIES: six digits cannot be guessed in
 * five tries (one chance in 200,000), and whoever holds the phone must then know the password.
 * A forgotten code is removed with the password, after which a new one is chosen.
 */
import { isNeutralLook, type Look } from '$lib/disguise';
import type { Db } from '../db';
import { hashPassword, verifyPassword } from './password';
import { clearFailures, lockedFor, recordFailure } from './throttle';
import { invalidateSession } from './session';

/** Wrong codes in a row that end the session. */
export const PIN_TRIES = 5;

export type PinResult =
	| { ok: true }
	| { ok: false; error: 'pin_set' }
	| { ok: false; error: 'pin_wrong'; left: number }
	| { ok: false; error: 'pin_ended' }
	| { ok: false; error: 'wrong_password' }
	| { ok: false; error: 'locked'; retryAfterMs: number };

interface SessionRef {
	id: string;
	userId: string;
}

/** Whether the account has a code. */
export async function hasPin(db: Db, userId: string): Promise<boolean> {
	return (
		(await db.selectFrom('user').select('pin_hash').where('id', '=', userId).executeTakeFirst())
			?.pin_hash != null
	);
}

/** Sets the account's first code; a code already set is changed only through `removePin`. */
export async function choosePin(
	db: Db,
	session: SessionRef,
	pin: string,
	now = Date.now()
): Promise<PinResult> {
	if (await hasPin(db, session.userId)) return { ok: false, error: 'pin_set' };
	const pinHash = await hashPassword(pin);
	await db
		.updateTable('user')
		.set({ pin_hash: pinHash })
		.where('id', '=', session.userId)
		.where('pin_hash', 'is', null)
		.execute();
	await db
		.updateTable('session')
		.set({ pin_at: now, pin_failures: 0 })
		.where('id', '=', session.id)
		.execute();
	return { ok: true };
}

/**
 * Opens a guarded session with its code. A wrong one is counted; the PIN_TRIES-th in a row ends
 * the session (its cookie is the caller's to remove).
 */
export async function enterPin(
	db: Db,
	session: SessionRef,
	pin: string,
	now = Date.now()
): Promise<PinResult> {
	const user = await db
		.selectFrom('user')
		.select('pin_hash')
		.where('id', '=', session.userId)
		.executeTakeFirst();
	if (!user?.pin_hash) return { ok: true };
	if (await verifyPassword(user.pin_hash, pin)) {
		await db
			.updateTable('session')
			.set({ pin_at: now, pin_failures: 0 })
			.where('id', '=', session.id)
			.execute();
		return { ok: true };
	}
	const counted = await db
		.updateTable('session')
		.set((eb) => ({ pin_failures: eb('pin_failures', '+', 1) }))
		.where('id', '=', session.id)
		.returning('pin_failures')
		.executeTakeFirst();
	const failures = counted?.pin_failures ?? PIN_TRIES;
	if (failures >= PIN_TRIES) {
		await invalidateSession(db, session.id);
		return { ok: false, error: 'pin_ended' };
	}
	return { ok: false, error: 'pin_wrong', left: PIN_TRIES - failures };
}

/** Locks a session by its code at once (the app was opened from its cover). */
export async function lockWithPin(db: Db, sessionId: string): Promise<void> {
	await db.updateTable('session').set({ pin_at: null }).where('id', '=', sessionId).execute();
}

/**
 * Removes the account's code with the password (forgotten, or no longer wanted): the password
 * proves more than the code, so the session opens too. Wrong passwords count toward the same
 * lock as other password checks.
 */
export async function removePin(
	db: Db,
	session: SessionRef,
	password: string,
	now = Date.now()
): Promise<PinResult> {
	const user = await db
		.selectFrom('user')
		.select(['password_hash', 'username_key'])
		.where('id', '=', session.userId)
		.executeTakeFirst();
	if (!user) return { ok: false, error: 'wrong_password' };
	const locked = await lockedFor(db, 'password', user.username_key, now);
	if (locked > 0) return { ok: false, error: 'locked', retryAfterMs: locked };
	if (!(await verifyPassword(user.password_hash, password))) {
		const lockMs = await recordFailure(db, 'password', user.username_key, now);
		if (lockMs > 0) return { ok: false, error: 'locked', retryAfterMs: lockMs };
		return { ok: false, error: 'wrong_password' };
	}
	await clearFailures(db, 'password', user.username_key);
	await db.updateTable('user').set({ pin_hash: null }).where('id', '=', session.userId).execute();
	await db
		.updateTable('session')
		.set({ pin_at: now, pin_failures: 0 })
		.where('id', '=', session.id)
		.execute();
	return { ok: true };
}

/**
 * Whether a session must give the code before anything opens: it is locked by its code, or the
 * phone wears a disguise and the account has no code yet (one is chosen first).
 */
export function waitsForPin(
	session: { guarded: boolean; pinLocked: boolean } | null,
	look: Look
): boolean {
	return session !== null && (session.pinLocked || (!session.guarded && isNeutralLook(look)));
}
