/**
 * Sessions as in the Lucia guide (lucia-auth.com/sessions): a random token lives only in the
 * cookie, the database keeps its SHA-256. Expiry slides to 30 days from the last use, but never
 * past ABSOLUTE_MAX_MS after sign-in: after 90 days everyone signs in again.
 */
import type { Db } from '../db';
import type { User } from '../schema';
import { randomToken, sha256Hex } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;
export const ABSOLUTE_MAX_MS = 90 * DAY;
/** Last-seen is kept to the hour: enough for "active today", no finer trail of a person's use. */
const LAST_SEEN_GRAIN_MS = 60 * 60 * 1000;

/** The day of `time` (UTC midnight): an account's last use is kept to the day. */
export function dayOf(time: number): number {
	return Math.floor(time / DAY) * DAY;
}

/**
 * Notes that the account was used today, so it is not deleted for disuse; writes at most once
 * a day per account.
 */
async function noteUse(db: Db, userId: string, now: number): Promise<void> {
	await db.updateTable('user').set({ last_active_at: dayOf(now) }).where('id', '=', userId).where('last_active_at', '<', dayOf(now)).execute();
}

export type SessionUser = Pick<
	User,
	'id' | 'username' | 'kind' | 'background' | 'locale' | 'must_change_password'
>;
export interface SessionInfo {
	id: string;
	userId: string;
	expiresAt: number;
}

function coarse(time: number): number {
	return Math.floor(time / LAST_SEEN_GRAIN_MS) * LAST_SEEN_GRAIN_MS;
}

/** Creates a session, which counts as a use of the account; returns the token for the cookie (the only place it ever exists). */
export async function createSession(
	db: Db,
	userId: string,
	browser: string,
	now = Date.now()
): Promise<{ token: string; session: SessionInfo }> {
	const token = randomToken(20);
	const id = sha256Hex(token);
	const expiresAt = Math.min(now + SESSION_TTL_MS, now + ABSOLUTE_MAX_MS);
	await db
		.insertInto('session')
		.values({ id, user_id: userId, browser, created_at: now, expires_at: expiresAt, last_seen_at: coarse(now) })
		.execute();
	await noteUse(db, userId, now);
	return { token, session: { id, userId, expiresAt } };
}

/** Checks a cookie token; extends the sliding expiry when less than half of it remains. */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<{ session: SessionInfo; user: SessionUser } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = sha256Hex(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.select([
			'session.id as sessionId',
			'session.created_at',
			'session.expires_at',
			'session.last_seen_at',
			'user.id',
			'user.username',
			'user.kind',
			'user.background',
			'user.locale',
			'user.must_change_password',
			'user.last_active_at'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const absoluteEnd = row.created_at + ABSOLUTE_MAX_MS;
	if (now >= row.expires_at || now >= absoluteEnd) {
		await db.deleteFrom('session').where('id', '=', id).execute();
		return null;
	}
	let expiresAt = row.expires_at;
	const renew = now >= expiresAt - SESSION_TTL_MS / 2;
	if (renew) expiresAt = Math.min(now + SESSION_TTL_MS, absoluteEnd);
	if (renew || coarse(now) !== row.last_seen_at) {
		await db
			.updateTable('session')
			.set({ expires_at: expiresAt, last_seen_at: coarse(now) })
			.where('id', '=', id)
			.execute();
	}
	if (row.last_active_at < dayOf(now)) await noteUse(db, row.id, now);
	const { sessionId, created_at: _c, expires_at: _e, last_seen_at: _l, last_active_at: _a, ...user } = row;
	return { session: { id: sessionId, userId: user.id, expiresAt }, user };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends the session a cookie token names, whether or not it is still valid. */
export async function invalidateSessionToken(db: Db, token: string): Promise<void> {
	await invalidateSession(db, sha256Hex(token));
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function invalidateUserSessions(db: Db, userId: string, keepSessionId?: string): Promise<void> {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (keepSessionId) query = query.where('id', '!=', keepSessionId);
	await query.execute();
}

/** Ends one session, only if it belongs to `userId`. Returns whether a session was ended. */
export async function endOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
	const result = await db
		.deleteFrom('session')
		.where('id', '=', sessionId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

export interface SessionListItem {
	id: string;
	browser: string;
	createdAt: number;
	lastSeenAt: number;
	current: boolean;
}

/** The user's active sessions, most recently used first. */
export async function listSessions(db: Db, userId: string, currentId: string, now = Date.now()): Promise<SessionListItem[]> {
	const rows = await db
		.selectFrom('session')
		.select(['id', 'browser', 'created_at', 'last_seen_at'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now)
		.orderBy('last_seen_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		browser: r.browser,
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at,
		current: r.id === currentId
	}));
}

/** "Chrome on Android": a coarse label for the sessions list, never the full user agent. */
export function describeBrowser(userAgent: string | null): string {
	const ua = userAgent ?? '';
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /OPR\/|Opera/.test(ua)
			? 'Opera'
			: /SamsungBrowser/.test(ua)
				? 'Samsung Internet'
				: /Firefox\//.test(ua)
					? 'Firefox'
					: /Chrome\/|Chromium\//.test(ua)
						? 'Chrome'
						: /Safari\//.test(ua)
							? 'Safari'
							: 'Browser';
	const system = /Android/.test(ua)
		? 'Android'
		: /iPhone|iPad|iOS/.test(ua)
			? 'iOS'
			: /Windows/.test(ua)
				? 'Windows'
				: /Mac OS X|Macintosh/.test(ua)
					? 'macOS'
					: /Linux|X11/.test(ua)
						? 'Linux'
						: '';
	return system ? `${browser} · ${system}` : browser;
}
