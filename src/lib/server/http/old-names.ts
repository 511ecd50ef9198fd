/**
 * Phones that used the app before its stored names became neutral (src/lib/stored-names.ts)
 * still send cookies named after it. The first answer to such a phone moves each to its new
 * name (same value; the old one deleted), and the request itself is read as if it had carried
 * the new names, so nobody is signed out and no setting is lost.
 */
import type { Cookies } from '@sveltejs/kit';
import { COOKIES, OLD_NAMES, type CookieKey } from '$lib/stored-names';
import { config } from '$lib/server/config';

const YEAR = 400 * 24 * 60 * 60;

/** The old name of each cookie as the phone holds it (`__Host-` over HTTPS for the session). */
function oldNames(): [CookieKey, string][] {
	return Object.entries(OLD_NAMES.cookies).map(([key, name]) => [
		key as CookieKey,
		key === 'session' && config.secure ? `__Host-${name}` : name
	]);
}

const newName = (key: CookieKey) =>
	key === 'session' && config.secure ? `__Host-${COOKIES.session}` : COOKIES[key];

/**
 * Renames the old cookies of `request`: the answer sets the new ones and deletes the old, and
 * the request's Cookie header (which the language and disguise read) carries the new names.
 * A session cookie keeps no expiry here; the session check sets it again as it should be.
 */
export function renameOldCookies(request: Request, cookies: Cookies): void {
	const header = request.headers.get('cookie');
	if (!header?.includes('lanpya')) return;
	const pairs = header
		.split(';')
		.map((pair) => pair.trim())
		.filter(Boolean);
	const present = new Set(pairs.map((pair) => pair.split('=')[0]));
	const renamed = new Map<string, CookieKey>(oldNames().map(([key, name]) => [name, key]));
	const kept: string[] = [];
	for (const pair of pairs) {
		const at = pair.indexOf('=');
		const name = at < 0 ? pair : pair.slice(0, at);
		const key = renamed.get(name);
		if (!key) {
			kept.push(pair);
			continue;
		}
		const secure = config.secure;
		cookies.delete(name, { path: '/', secure, httpOnly: key === 'session', sameSite: 'lax' });
		if (present.has(newName(key))) continue;
		const value = decodeURIComponent(pair.slice(at + 1));
		cookies.set(newName(key), value, {
			path: '/',
			secure,
			httpOnly: key === 'session',
			sameSite: 'lax',
			...(key === 'session' ? {} : { maxAge: YEAR })
		});
		kept.push(`${newName(key)}=${pair.slice(at + 1)}`);
		present.add(newName(key));
	}
	request.headers.set('cookie', kept.join('; '));
}
