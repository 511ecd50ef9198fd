import type { Cookies } from '@sveltejs/kit';
import { COOKIES } from '$lib/stored-names';

/** A setting of this phone, not of the account: readable by the page, which skips pictures in downloads. */
export const DATA_SAVER_COOKIE = COOKIES.saver;

/** On when the learner chose it, or when the phone's browser asks to save data (Save-Data). */
export function dataSaverOn(cookies: Pick<Cookies, 'get'>, request: Request): boolean {
	return (
		cookies.get(DATA_SAVER_COOKIE) === 'on' ||
		request.headers.get('save-data')?.toLowerCase() === 'on'
	);
}
