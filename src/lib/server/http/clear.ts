/**
 * "Clear this phone" (server side). The page removes what it can reach; only an answer from
 * here removes the HttpOnly session cookie and the browser's HTTP cache. `Clear-Site-Data` asks
 * the browser to drop every cookie, all storage (IndexedDB, Cache Storage, localStorage,
 * service workers) and the cache of this site.
 */
import type { Cookies } from '@sveltejs/kit';
import { CLEAR_PENDING_COOKIE } from '$lib/offline/clear';
import { config } from '$lib/server/config';
import type { Db } from '$lib/server/db';
import { clearSessionCookie, sessionCookieName } from './cookies';
import { clearDeviceCookie } from './device-cookie';
import { invalidateSessionToken } from '$lib/server/auth/session';

export const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';

/** Whether the page cleared this phone while the server could not be reached. */
export const clearPending = (cookies: Cookies): boolean =>
	cookies.get(CLEAR_PENDING_COOKIE) !== undefined;

/**
 * Ends the session whose token this phone holds (valid or not) and removes its cookie and the
 * marker; the caller sends `CLEAR_SITE_DATA` with its answer.
 */
export async function signOutThisPhone(db: Db, cookies: Cookies): Promise<void> {
	const token = cookies.get(sessionCookieName());
	if (token) await invalidateSessionToken(db, token);
	clearSessionCookie(cookies);
	clearDeviceCookie(cookies);
	cookies.delete(CLEAR_PENDING_COOKIE, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: config.secure
	});
}
