/**
 * The device cookie of auth/devices.ts in the browser: its tokens, read and kept (at most 3, one
 * per account), HttpOnly and sent to the sign-in page only.
 */
import type { Cookies } from '@sveltejs/kit';
import { DEVICE_TTL_MS } from '$lib/server/auth/devices';
import { config } from '$lib/server/config';
import { COOKIES } from '$lib/stored-names';

const KEPT_PER_BROWSER = 3;
const TOKEN = /^[a-z2-7]{32}$/;

/** `__Secure-` (not `__Host-`, which needs `Path=/`): the cookie goes to the sign-in page only. */
export const deviceCookieName = () =>
	config.secure ? `__Secure-${COOKIES.device}` : COOKIES.device;
const COOKIE_PATH = '/signin';

export function deviceTokens(cookies: Cookies): string[] {
	return (cookies.get(deviceCookieName()) ?? '')
		.split('.')
		.filter((t) => TOKEN.test(t))
		.slice(0, KEPT_PER_BROWSER);
}

/** Keeps `token` first in this browser's cookie, with up to two others it held. */
export function keepDeviceToken(cookies: Cookies, token: string, now = Date.now()): void {
	const tokens = [token, ...deviceTokens(cookies).filter((t) => t !== token)].slice(
		0,
		KEPT_PER_BROWSER
	);
	cookies.set(deviceCookieName(), tokens.join('.'), {
		path: COOKIE_PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secure,
		expires: new Date(now + DEVICE_TTL_MS)
	});
}

export function clearDeviceCookie(cookies: Cookies): void {
	cookies.delete(deviceCookieName(), {
		path: COOKIE_PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secure
	});
}
