/**
 * Pseudonymous accounts: a username and a password, nothing else is ever required.
 */
import { inTransaction, type Db } from '../db';
import type { AccountKind, Background, Locale, User } from '../schema';
import {
	hashPassword,
	passwordProblem,
	verifyAgainstDummy,
	verifyPassword,
	type PasswordProblem
} from '../auth/password';
import { consumeRecoveryCode, replaceRecoveryCodes } from '../auth/recovery';
import { createSession, dayOf, invalidateUserSessions, markActive } from '../auth/session';
import { forgetDevice, forgetDevices, trustDevice } from '../auth/devices';
import { clearFailures, lockedFor, recordFailure } from '../auth/throttle';
import { newId, randomToken } from '../auth/tokens';
import { lastActionOf, recordAudit } from '../audit/trail';
import { confirmPassword, type Confirmation, type NotConfirmed } from '../auth/confirm';
import { orgIdOf } from '../orgs/membership';

export type AccountError =
	| 'username_taken'
	| PasswordProblem
	| 'invalid_credentials'
	| 'invalid_recovery'
	| 'wrong_password'
	| 'unlock_wrong'
	| 'locked';

export type Result<T> =
	({ ok: true } & T) | { ok: false; error: AccountError; retryAfterMs?: number };

/** The key that makes usernames unique regardless of letter case and Unicode form. */
export function usernameKey(username: string): string {
	return username.normalize('NFKC').toLowerCase();
}

async function findByUsername(db: Db, username: string): Promise<User | undefined> {
	return db
		.selectFrom('user')
		.selectAll()
		.where('username_key', '=', usernameKey(username))
		.executeTakeFirst();
}

export interface SignUpInput {
	username: string;
	password: string;
	kind: Exclude<AccountKind, 'admin'>;
	background: Background | null;
	locale: Locale;
	/** "This is a shared phone": the first session is a shared one (see auth/session.ts). */
	shared?: boolean;
}

/** Creates an account, its first session and 10 recovery codes (returned once, stored hashed). */
export async function signUp(
	db: Db,
	input: SignUpInput,
	browser: string,
	now = Date.now()
): Promise<
	Result<{ userId: string; token: string; recoveryCodes: string[]; deviceToken: string | null }>
> {
	const weak = passwordProblem(input.password, input.username);
	if (weak) return { ok: false, error: weak };
	const passwordHash = await hashPassword(input.password);
	const userId = newId();
	try {
		return await db.transaction().execute(async (trx) => {
			if (await findByUsername(trx, input.username))
				return { ok: false, error: 'username_taken' } as const;
			await trx
				.insertInto('user')
				.values({
					id: userId,
					username: input.username,
					username_key: usernameKey(input.username),
					password_hash: passwordHash,
					kind: input.kind,
					background: input.kind === 'learner' ? input.background : null,
					locale: input.locale,
					must_change_password: 0,
					created_at: now,
					password_changed_at: now,
					last_active_at: dayOf(now)
				})
				.execute();
			const recoveryCodes = await replaceRecoveryCodes(trx, userId);
			const { token } = await createSession(trx, userId, browser, now, { shared: input.shared });
			const deviceToken = input.shared ? null : await trustDevice(trx, userId, null, now);
			await recordAudit(trx, [{ actor: userId, org: null, action: 'sign_up', object: null }], now);
			return { ok: true, userId, token, recoveryCodes, deviceToken } as const;
		});
	} catch (error) {
		// Two sign-ups racing for one name: the unique index decides.
		if (String(error).includes('UNIQUE')) return { ok: false, error: 'username_taken' };
		throw error;
	}
}

/**
 * Checks a username and password. The answer is the same whether or not the name exists;
 * 6 failures lock the name for 30 minutes. `device`: this browser signed in to the account
 * before (auth/devices.ts); it is not held by the name's lock, and its own failures are counted
 * apart (6 end its trust). A sign-in that is not a shared phone's trusts the browser
 * (`deviceToken`, for its cookie).
 */
export async function signIn(
	db: Db,
	input: { username: string; password: string; shared?: boolean },
	browser: string,
	now = Date.now(),
	device: { id: string; token: string } | null = null
): Promise<Result<{ token: string; user: User; deviceToken: string | null }>> {
	const key = usernameKey(input.username);
	const locked = await lockedFor(db, 'sign-in', key, now);
	if (locked > 0 && !device) {
		await recordSignIn(db, await findByUsername(db, input.username), 'sign_in_failed', now);
		return { ok: false, error: 'locked', retryAfterMs: locked };
	}
	const user = await findByUsername(db, input.username);
	const valid = user
		? await verifyPassword(user.password_hash, input.password)
		: await verifyAgainstDummy(input.password);
	if (!user || !valid) {
		const lockMs = await db.transaction().execute(async (trx) => {
			await recordSignIn(trx, user, 'sign_in_failed', now);
			if (!device) return recordFailure(trx, 'sign-in', key, now);
			// A trusted browser's own count: at its limit, it loses the trust, not the name.
			if ((await recordFailure(trx, 'device', device.id, now)) > 0)
				await forgetDevice(trx, device.id);
			return 0;
		});
		if (lockMs > 0) return { ok: false, error: 'locked', retryAfterMs: lockMs };
		return { ok: false, error: 'invalid_credentials' };
	}
	return db.transaction().execute(async (trx) => {
		// A lock someone else's guesses started keeps running for other browsers.
		if (locked === 0) await clearFailures(trx, 'sign-in', key);
		if (device) await clearFailures(trx, 'device', device.id);
		await recordSignIn(trx, user, 'sign_in', now);
		const { token } = await createSession(trx, user.id, browser, now, { shared: input.shared });
		const deviceToken = input.shared ? null : await trustDevice(trx, user.id, device, now);
		return { ok: true, token, user, deviceToken } as const;
	});
}

/**
 * Unlocks a shared phone's idle session with the account's password. Wrong passwords count
 * toward the same lock as sign-in (the two add up), so the lock page is no way around it.
 */
export async function unlockSession(
	db: Db,
	session: { id: string; userId: string },
	password: string,
	now = Date.now()
): Promise<Result<object>> {
	const user = await db
		.selectFrom('user')
		.select(['username_key', 'password_hash'])
		.where('id', '=', session.userId)
		.executeTakeFirstOrThrow();
	const locked = await lockedFor(db, 'sign-in', user.username_key, now);
	if (locked > 0) return { ok: false, error: 'locked', retryAfterMs: locked };
	if (!(await verifyPassword(user.password_hash, password))) {
		const lockMs = await recordFailure(db, 'sign-in', user.username_key, now);
		if (lockMs > 0) return { ok: false, error: 'locked', retryAfterMs: lockMs };
		return { ok: false, error: 'unlock_wrong' };
	}
	await clearFailures(db, 'sign-in', user.username_key);
	await markActive(db, session.id, now);
	return { ok: true };
}

/** A sign-in's audit entry: the account tried (none when no account has the name; the name is never kept). */
async function recordSignIn(
	db: Db,
	user: User | undefined,
	action: 'sign_in' | 'sign_in_failed',
	now: number
): Promise<void> {
	await recordAudit(
		db,
		[
			{
				actor: user?.id ?? null,
				org: user ? await orgIdOf(db, user.id) : null,
				action,
				object: null
			}
		],
		now
	);
}

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

/** Makes an administrator with a random one-time password that must be changed at first sign-in. */
export async function createAdministrator(
	db: Db,
	username: string,
	now = Date.now()
): Promise<Result<{ userId: string; password: string }>> {
	if (await findByUsername(db, username)) return { ok: false, error: 'username_taken' };
	const password = randomToken(15);
	const userId = newId();
	await db
		.insertInto('user')
		.values({
			id: userId,
			username,
			username_key: usernameKey(username),
			password_hash: await hashPassword(password),
			kind: 'admin',
			background: null,
			locale: 'my',
			must_change_password: 1,
			created_at: now,
			password_changed_at: now,
			last_active_at: dayOf(now)
		})
		.execute();
	return { ok: true, userId, password };
}

export async function setLocale(db: Db, userId: string, locale: Locale): Promise<void> {
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}

/** Learners may state, change or clear their background at any time; it is never required. */
export async function setBackground(
	db: Db,
	userId: string,
	background: Background | null
): Promise<void> {
	await db
		.updateTable('user')
		.set({ background })
		.where('id', '=', userId)
		.where('kind', '=', 'learner')
		.execute();
}

/** Counts of accounts per kind, for the administrators' overview. No names. */
export async function countAccounts(db: Db): Promise<Record<AccountKind, number>> {
	const rows = await db
		.selectFrom('user')
		.select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('kind')
		.execute();
	const counts: Record<AccountKind, number> = { learner: 0, org_member: 0, admin: 0 };
	for (const row of rows) counts[row.kind] = Number(row.n);
	return counts;
}
