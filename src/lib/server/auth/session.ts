/**
 * Sessions as in the Lucia guide (lucia-auth.com/sessions): a random token lives only in the
 * cookie, the database keeps its SHA-256. Expiry slides to 30 days from the last use, but never
 * past ABSOLUTE_MAX_MS after sign-in: after 90 days everyone signs in again.
 *
 * A shared phone's session ("This is a shared phone" at sign-in) lives in a cookie that ends
 * when the browser closes, and on the server never past SHARED_MAX_MS after sign-in, however
 * much it is used. It keeps the time of its last request (`active_at`); once it has been idle
 * for the configured time it is locked: personal pages ask for the password again
 * (src/lib/server/access.ts), and requests no longer count as activity until it is unlocked.
 *
 * A session of an account with a code (the disguise's PIN, src/lib/server/auth/pin.ts) is
 * guarded: it keeps when its holder last proved to be there (`pin_at`: the password at sign-in,
 * the code, or a request while open) and is locked by the code after `pinIdleMs` without a
 * request, or at once when the app is opened from its cover (`pin_at` emptied).
 */
import { isDatabaseUnavailable, type Db } from '../db';
import type { User } from '../schema';
import { config } from '../config';
import { randomToken, sha256Hex } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;
export const ABSOLUTE_MAX_MS = 90 * DAY;
/** A shared phone's session ends 12 hours after sign-in, even if the browser is never closed. */
export const SHARED_MAX_MS = 12 * 60 * 60 * 1000;
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
	await db
		.updateTable('user')
		.set({ last_active_at: dayOf(now) })
		.where('id', '=', userId)
		.where('last_active_at', '<', dayOf(now))
		.execute();
}

export type SessionUser = Pick<
	User,
	'id' | 'username' | 'kind' | 'background' | 'locale' | 'must_change_password'
>;
export interface SessionInfo {
	id: string;
	userId: string;
	expiresAt: number;
	/** Signed in with "This is a shared phone". */
	shared: boolean;
	/** A shared session idle for the configured time: personal pages ask for the password. */
	locked: boolean;
	/** The account has a code (PIN): the session is locked by it after idle time or at the cover. */
	guarded: boolean;
	/** Guarded and locked: nothing of the app opens before the code (access.ts, PIN_OPEN). */
	pinLocked: boolean;
}

function coarse(time: number): number {
	return Math.floor(time / LAST_SEEN_GRAIN_MS) * LAST_SEEN_GRAIN_MS;
}

/** Creates a session, which counts as a use of the account; returns the token for the cookie (the only place it ever exists). */
export async function createSession(
	db: Db,
	userId: string,
	browser: string,
	now = Date.now(),
	{ shared = false }: { shared?: boolean } = {}
): Promise<{ token: string; session: SessionInfo }> {
	const token = randomToken(20);
	const id = sha256Hex(token);
	const expiresAt = shared
		? now + SHARED_MAX_MS
		: Math.min(now + SESSION_TTL_MS, now + ABSOLUTE_MAX_MS);
	await db
		.insertInto('session')
		.values({
			id,
			user_id: userId,
			browser,
			created_at: now,
			expires_at: expiresAt,
			last_seen_at: coarse(now),
			shared: shared ? 1 : 0,
			active_at: shared ? now : null,
			// Signing in with the password proves the holder is there: the code is not asked now.
			pin_at: now
		})
		.execute();
	await noteUse(db, userId, now);
	const guarded =
		(await db.selectFrom('user').select('pin_hash').where('id', '=', userId).executeTakeFirst())
			?.pin_hash != null;
	return {
		token,
		session: { id, userId, expiresAt, shared, locked: false, guarded, pinLocked: false }
	};
}

/**
 * Checks a cookie token. An ordinary session's expiry slides when less than half of it
 * remains. A shared one never slides; it is locked once idle for `idleMs`, and while unlocked
 * every request moves its `active_at`.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now(),
	{
		idleMs = config.sharedIdleMs,
		pinIdleMs = config.pinIdleMs
	}: { idleMs?: number; pinIdleMs?: number } = {}
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
			'session.shared',
			'session.active_at',
			'session.pin_at',
			'user.id',
			'user.username',
			'user.kind',
			'user.background',
			'user.locale',
			'user.must_change_password',
			'user.last_active_at',
			(eb) => eb('user.pin_hash', 'is not', null).as('has_pin')
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const shared = row.shared === 1;
	const absoluteEnd = row.created_at + (shared ? SHARED_MAX_MS : ABSOLUTE_MAX_MS);
	if (now >= row.expires_at || now >= absoluteEnd) {
		await bestEffort(() => db.deleteFrom('session').where('id', '=', id).execute());
		return null;
	}
	let expiresAt = row.expires_at;
	if (!shared && now >= expiresAt - SESSION_TTL_MS / 2)
		expiresAt = Math.min(now + SESSION_TTL_MS, absoluteEnd);
	// A locked session stays locked whatever it opens (course reading), until the password.
	const locked = shared && now - (row.active_at ?? row.created_at) >= idleMs;
	// Likewise the code: a request while locked by it is no sign that its holder is there.
	const guarded = Boolean(row.has_pin);
	const pinLocked = guarded && (row.pin_at === null || now - row.pin_at >= pinIdleMs);
	const changes: {
		expires_at?: number;
		last_seen_at?: number;
		active_at?: number;
		pin_at?: number;
	} = {};
	if (expiresAt !== row.expires_at) changes.expires_at = expiresAt;
	if (coarse(now) !== row.last_seen_at) changes.last_seen_at = coarse(now);
	if (shared && !locked && !pinLocked && now !== row.active_at) changes.active_at = now;
	// A second's precision is plenty against minutes of idle time, and spares writes on bursts of requests.
	if (guarded && !pinLocked && now - row.pin_at! >= 1000) changes.pin_at = now;
	await bestEffort(async () => {
		if (Object.keys(changes).length > 0)
			await db.updateTable('session').set(changes).where('id', '=', id).execute();
		if (row.last_active_at < dayOf(now)) await noteUse(db, row.id, now);
	});
	const {
		sessionId,
		created_at: _c,
		expires_at: _e,
		last_seen_at: _l,
		shared: _s,
		active_at: _a,
		last_active_at: _d,
		pin_at: _p,
		has_pin: _h,
		...user
	} = row;
	return {
		session: { id: sessionId, userId: user.id, expiresAt, shared, locked, guarded, pinLocked },
		user
	};
}

/**
 * Keeping a session's times current is no reason to refuse a page: with the database full or
 * busy, the person keeps reading. Unsaved, a shared phone's last request only makes it lock
 * sooner, never later; an expired session is refused all the same and its row goes next time.
 */
async function bestEffort(write: () => Promise<unknown>): Promise<void> {
	try {
		await write();
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
	}
}

/** Unlocks a shared session after its password was given again: now counts as its last request. */
export async function markActive(db: Db, sessionId: string, now = Date.now()): Promise<void> {
	await db
		.updateTable('session')
		.set({ active_at: now })
		.where('id', '=', sessionId)
		.where('shared', '=', 1)
		.execute();
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends the session a cookie token names, whether or not it is still valid. */
export async function invalidateSessionToken(db: Db, token: string): Promise<void> {
	await invalidateSession(db, sha256Hex(token));
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function invalidateUserSessions(
	db: Db,
	userId: string,
	keepSessionId?: string
): Promise<void> {
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
	/** Signed in with "This is a shared phone". */
	shared: boolean;
	current: boolean;
}

/** The user's active sessions, most recently used first. */
export async function listSessions(
	db: Db,
	userId: string,
	currentId: string,
	now = Date.now()
): Promise<SessionListItem[]> {
	const rows = await db
		.selectFrom('session')
		.select(['id', 'browser', 'created_at', 'last_seen_at', 'shared'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now)
		.orderBy('last_seen_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		browser: r.browser,
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at,
		shared: r.shared === 1,
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

/**
 * Deletes the sessions that can no longer be used: past their expiry or their absolute end. A
 * session is also deleted when its cookie comes back too late; this removes those whose cookie
 * never does. Returns how many went.
 */
export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<number> {
	const result = await db
		.deleteFrom('session')
		// A shared phone's session expires 12 hours after sign-in and is never extended.
		.where((eb) =>
			eb.or([eb('expires_at', '<=', now), eb('created_at', '<=', now - ABSOLUTE_MAX_MS)])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
