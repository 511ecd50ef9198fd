/**
 * Pseudonymous accounts: a username and a password, nothing else is ever required. The ways in:
 * sign-up, sign-in, unlocking a shared phone's idle session, and an administrator made by the
 * operator. Changing the password or the codes afterwards is in credentials.ts.
 */
import type { Db } from '../db';
import type { AccountKind, Background, Locale, User } from '../schema';
import {
	hashPassword,
	passwordProblem,
	verifyAgainstDummy,
	verifyPassword,
	type PasswordProblem
} from '../auth/password';
import { replaceRecoveryCodes } from '../auth/recovery';
import { createSession, dayOf, markActive } from '../auth/session';
import { forgetDevice, trustDevice } from '../auth/devices';
import { clearFailures, lockedFor, recordFailure } from '../auth/throttle';
import { newId, randomToken } from '../auth/tokens';
import { recordAudit } from '../audit/trail';
import { orgIdOf } from '../orgs/membership';
import type { Result as Outcome } from '$lib/result';

export type AccountError =
	| 'username_taken'
	| PasswordProblem
	| 'invalid_credentials'
	| 'invalid_recovery'
	| 'wrong_password'
	| 'unlock_wrong'
	| 'locked';

export type Result<T extends object> = Outcome<T, AccountError, { retryAfterMs?: number }>;

/** The key that makes usernames unique regardless of letter case and Unicode form. */
export function usernameKey(username: string): string {
	return username.normalize('NFKC').toLowerCase();
}

/** The account with this name in any letter case or Unicode form. */
export async function findByUsername(db: Db, username: string): Promise<User | undefined> {
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
