import type { Cookies } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { LOOK_COOKIE, type Look } from '$lib/disguise';
import { COOKIES } from '$lib/stored-names';

/** `__Host-` (which requires Secure, path=/ and no domain) whenever the site is served over HTTPS. */
export function sessionCookieName(): string {
	return config.secure ? `__Host-${COOKIES.session}` : COOKIES.session;
}

/**
 * `expiresAt` null: a shared phone's session. The cookie then has neither Expires nor Max-Age,
 * so the browser forgets it when it closes (the server ends it after 12 hours anyway).
 */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number | null): void {
	cookies.set(sessionCookieName(), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secure,
		...(expiresAt === null ? {} : { expires: new Date(expiresAt) })
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(sessionCookieName(), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secure
	});
}

/** The language cookie holds no personal data, so scripts may read it (Paraglide does). */
export function setLanguageCookie(cookies: Cookies, locale: string): void {
	cookies.set(COOKIES.language, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: config.secure,
		maxAge: 400 * 24 * 60 * 60
	});
}

/** The disguise (src/lib/disguise.ts): no personal data; the page reads it for pages kept without cookies. */
export function setLookCookie(cookies: Cookies, look: Look): void {
	if (look === 'lanpya') {
		cookies.delete(LOOK_COOKIE, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: config.secure
		});
		return;
	}
	cookies.set(LOOK_COOKIE, look, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: config.secure,
		maxAge: 400 * 24 * 60 * 60
	});
}
