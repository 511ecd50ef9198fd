/**
 * Brute-force protection.
 * - Per account name: 6 failures lock the name for 30 minutes. The lock is kept for any name,
 *   existing or not, so the answer never tells whether an account exists. Only a SHA-256 of the
 *   name is stored.
 * - Per network address: a sliding window, `SIGN_IN_LIMIT_PER_ADDRESS` failures per 15 minutes,
 *   counted in the database so that every server process (WORKERS) counts together. No address
 *   is written: only a hash of it under a random salt of the window, and both go within two
 *   windows (`forgetOldAttempts`), so the file keeps no lasting record of who connected from where.
 */
import { randomToken, sha256Hex } from './tokens';
import type { Db } from '../db';

export const MAX_FAILURES = 6;
export const LOCK_MS = 30 * 60 * 1000;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;

function throttleKey(scope: string, name: string): string {
	return sha256Hex(`${scope}:${name}`);
}

/** Milliseconds until the name may try again, or 0 when it is not locked. */
export async function lockedFor(
	db: Db,
	scope: string,
	name: string,
	now = Date.now()
): Promise<number> {
	const row = await db
		.selectFrom('sign_in_throttle')
		.select('locked_until')
		.where('key', '=', throttleKey(scope, name))
		.executeTakeFirst();
	return row?.locked_until && row.locked_until > now ? row.locked_until - now : 0;
}

/** Counts a failure; returns the lock time in ms when this failure locked the name. */
export async function recordFailure(
	db: Db,
	scope: string,
	name: string,
	now = Date.now()
): Promise<number> {
	const key = throttleKey(scope, name);
	const count = async (trx: Db) => {
		const row = await trx
			.selectFrom('sign_in_throttle')
			.selectAll()
			.where('key', '=', key)
			.executeTakeFirst();
		// A lock that has run out starts a fresh count.
		const expired = row?.locked_until != null && row.locked_until <= now;
		const failures = (row && !expired ? row.failures : 0) + 1;
		const lockedUntil = failures >= MAX_FAILURES ? now + LOCK_MS : null;
		if (row) {
			await trx
				.updateTable('sign_in_throttle')
				.set({ failures: lockedUntil ? 0 : failures, locked_until: lockedUntil, updated_at: now })
				.where('key', '=', key)
				.execute();
		} else {
			await trx
				.insertInto('sign_in_throttle')
				.values({ key, failures, locked_until: lockedUntil, updated_at: now })
				.execute();
		}
		return lockedUntil ? LOCK_MS : 0;
	};
	// Inside the caller's transaction when it has one (sign-in keeps its audit entry with it).
	return db.isTransaction ? count(db) : db.transaction().execute(count);
}

export async function clearFailures(db: Db, scope: string, name: string): Promise<void> {
	await db.deleteFrom('sign_in_throttle').where('key', '=', throttleKey(scope, name)).execute();
}

/** What a per-address limit counts (the `attempt` table's buckets). */
export type AttemptBucket =
	'sign_in' | 'sign_up' | 'sign_up_all' | 'org_application' | 'org_application_all';

/** The window's number at `now`: each window has its own salt. */
const epochOf = (now: number) => Math.floor(now / ADDRESS_WINDOW_MS);

/**
 * The salts of the window at `now` and of the one before (a sliding window spans both), made
 * by the first process to need one. Older salts are deleted with the attempts (forgetOldAttempts).
 */
async function saltsAt(db: Db, now: number): Promise<{ current: string; previous?: string }> {
	const epoch = epochOf(now);
	const read = () =>
		db
			.selectFrom('attempt_salt')
			.select(['epoch', 'salt'])
			.where('epoch', 'in', [epoch, epoch - 1])
			.execute();
	let rows = await read();
	if (!rows.some((r) => Number(r.epoch) === epoch)) {
		await db
			.insertInto('attempt_salt')
			.values({ epoch, salt: randomToken(20) })
			.onConflict((oc) => oc.column('epoch').doNothing())
			.execute();
		rows = await read();
	}
	return {
		current: rows.find((r) => Number(r.epoch) === epoch)!.salt,
		previous: rows.find((r) => Number(r.epoch) === epoch - 1)?.salt
	};
}

const keyOf = (salt: string, address: string) => sha256Hex(`${salt}\n${address}`);

/** A sliding-window counter per address (or address and name), shared by every server process. */
export class AddressLimiter {
	constructor(
		private bucket: AttemptBucket,
		private limit: number
	) {}

	/** Milliseconds until this address may try again, or 0. */
	async retryAfter(db: Db, address: string, now = Date.now()): Promise<number> {
		const salts = await saltsAt(db, now);
		const keys = [salts.current, salts.previous]
			.filter((salt) => salt !== undefined)
			.map((salt) => keyOf(salt, address));
		const row = await db
			.selectFrom('attempt')
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first')])
			.where('bucket', '=', this.bucket)
			.where('key', 'in', keys)
			.where('at', '>', now - ADDRESS_WINDOW_MS)
			.where('at', '<=', now)
			.executeTakeFirstOrThrow();
		if (Number(row.n) < this.limit) return 0;
		return Number(row.first) + ADDRESS_WINDOW_MS - now;
	}

	async record(db: Db, address: string, now = Date.now()): Promise<void> {
		const { current } = await saltsAt(db, now);
		await db
			.insertInto('attempt')
			.values({ bucket: this.bucket, key: keyOf(current, address), at: now })
			.execute();
	}
}

/**
 * Deletes attempts past every window, and the salts of windows before the last two: the
 * attempts left cannot then be matched to an address. Run every minute by the server
 * (housekeeping.ts). Returns how many attempts went.
 */
export async function forgetOldAttempts(db: Db, now = Date.now()): Promise<number> {
	const result = await db
		.deleteFrom('attempt')
		.where('at', '<=', now - ADDRESS_WINDOW_MS)
		.executeTakeFirst();
	await db
		.deleteFrom('attempt_salt')
		.where('epoch', '<', epochOf(now) - 1)
		.execute();
	return Number(result.numDeletedRows);
}

/** Failures older than this, with no lock running, are forgotten by `forgetOldFailures`. */
export const FAILURES_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the counts of names whose last failure is over a day old and that are not locked now:
 * a few mistyped passwords are not kept for ever. Returns how many went.
 */
export async function forgetOldFailures(db: Db, now = Date.now()): Promise<number> {
	const result = await db
		.deleteFrom('sign_in_throttle')
		.where('updated_at', '<', now - FAILURES_KEPT_MS)
		.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
