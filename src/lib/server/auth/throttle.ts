/**
 * Brute-force protection.
 * - Per account name: 6 failures lock the name for 30 minutes. The lock is kept for any name,
 *   existing or not, so the answer never tells whether an account exists. Only a SHA-256 of the
 *   name is stored.
 * - Per network address: a sliding window in memory (never written to disk, so no record of
 *   who connected from where), `SIGN_IN_LIMIT_PER_ADDRESS` failures per 15 minutes.
 */
import type { Db } from '../db';
import { sha256Hex } from './tokens';

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

/** A sliding-window counter per address, held in memory only. */
export class AddressLimiter {
	private hits = new Map<string, number[]>();

	constructor(
		private limit: number,
		private windowMs = ADDRESS_WINDOW_MS
	) {}

	/** Milliseconds until this address may try again, or 0. */
	retryAfter(address: string, now = Date.now()): number {
		const recent = this.recent(address, now);
		if (recent.length < this.limit) return 0;
		return recent[0] + this.windowMs - now;
	}

	record(address: string, now = Date.now()): void {
		const recent = this.recent(address, now);
		recent.push(now);
		this.hits.set(address, recent);
		if (this.hits.size > 50_000) this.prune(now);
	}

	private recent(address: string, now: number): number[] {
		return (this.hits.get(address) ?? []).filter((t) => t > now - this.windowMs);
	}

	private prune(now: number): void {
		for (const [address, times] of this.hits) {
			if (times.every((t) => t <= now - this.windowMs)) this.hits.delete(address);
		}
	}
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
