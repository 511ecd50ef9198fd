/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
 * has signed in to an account before gets a cookie naming that trust, and may sign in to that
 * account while its name is locked by someone else's wrong guesses (anyone can lock a name they
 * know: an organization owner's, an administrator's). Its own wrong passwords are counted apart;
 * 6 of them end the trust, and the browser is then held by the name's lock like any other.
 *
 * The cookie holds only random tokens (160 bits each, one per account, at most 3: a phone some
 * people share), HttpOnly, sent only to the sign-in page; nothing in it is readable or personal.
 * The server keeps each token's SHA-256 with its account and end (unforgeable as a signature
 * would be, and revocable). Trust ends DEVICE_TTL_MS after the last sign-in with it, when the
 * holder signs out everywhere or recovers the account, and with the account. A shared phone's
 * sign-in (see session.ts) never gets one. The cookie itself: `http/device-cookie.ts`.
 */
import type { Db } from '../db';
import { randomToken, sha256Hex } from './tokens';

export const DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;

/**
 * The trusted device among `tokens` for the account whose name key is `nameKey`, or null. The
 * same query whether or not an account has the name, and none without a cookie.
 */
export async function recognizedDevice(
	db: Db,
	tokens: string[],
	nameKey: string,
	now = Date.now()
): Promise<{ id: string; token: string } | null> {
	if (tokens.length === 0) return null;
	const byId = new Map(tokens.map((t) => [sha256Hex(t), t]));
	const row = await db
		.selectFrom('trusted_device')
		.innerJoin('user', 'user.id', 'trusted_device.user_id')
		.select('trusted_device.id')
		.where('trusted_device.id', 'in', [...byId.keys()])
		.where('user.username_key', '=', nameKey)
		.where('trusted_device.expires_at', '>', now)
		.executeTakeFirst();
	return row ? { id: row.id, token: byId.get(row.id)! } : null;
}

/** Trusts this browser for the account after a sign-in: a new token, or the same one for longer. */
export async function trustDevice(
	db: Db,
	userId: string,
	known: { id: string; token: string } | null,
	now = Date.now()
): Promise<string> {
	if (known) {
		await db
			.updateTable('trusted_device')
			.set({ expires_at: now + DEVICE_TTL_MS })
			.where('id', '=', known.id)
			.execute();
		return known.token;
	}
	const token = randomToken(20);
	await db
		.insertInto('trusted_device')
		.values({ id: sha256Hex(token), user_id: userId, expires_at: now + DEVICE_TTL_MS })
		.execute();
	return token;
}

export async function forgetDevice(db: Db, id: string): Promise<void> {
	await db.deleteFrom('trusted_device').where('id', '=', id).execute();
}

/** Ends the trust of every browser of the account (signing out everywhere, a recovery). */
export async function forgetDevices(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('trusted_device').where('user_id', '=', userId).execute();
}

/** Deletes trust that has run out; returns how many rows went. */
export async function deleteExpiredDevices(db: Db, now = Date.now()): Promise<number> {
	const result = await db
		.deleteFrom('trusted_device')
		.where('expires_at', '<=', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
