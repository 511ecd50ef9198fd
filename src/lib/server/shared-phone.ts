/**
 * Texts of "This is a shared phone", made on the server: only the pages that show them carry
 * them, never the script every page downloads (the first visit's 60 KB budget).
 */
import * as m from '$lib/paraglide/messages';
import { config } from './config';
import type { Locale } from './schema';

/** The checkbox of the forms that sign in, and what it changes. */
export function sharedPhoneChoice(locale: Locale): { label: string; hint: string } {
	return {
		label: m.shared_phone_label({}, { locale }),
		hint: m.shared_phone_hint({ minutes: config.sharedIdleMinutes }, { locale })
	};
}

/** Why a shared phone's session has no download button; null for every other session. */
export function noDownloadsNote(
	locale: Locale,
	session: { shared: boolean } | null
): string | null {
	return session?.shared ? m.shared_no_downloads({}, { locale }) : null;
}

/**
 * Whose progress a course page may show: the signed-in learner's, but nobody's while a shared
 * phone's session is locked. Course reading stays open then (access.ts, LOCKED_OPEN), so its
 * pages leave out everything of the account: progress, scores, certificate codes.
 */
export function progressOwner(locals: App.Locals): string | null {
	return locals.user && !locals.session?.locked ? locals.user.id : null;
}
