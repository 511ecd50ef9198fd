/**
 * Texts for a visitor reading a course before making an account, made on the server: only a
 * visitor's page carries them, in its one language, never the scripts learners download (the
 * first visit's 60 KB budget).
 */
import * as m from '$lib/paraglide/messages';
import type { Locale } from './schema';

export interface VisitorTexts {
	/** "Sign up to save your progress", and why. */
	title: string;
	body: string;
	/** A line under a lesson's title: nothing is saved. */
	note: string;
}

export function visitorTexts(locale: Locale): VisitorTexts {
	return {
		title: m.visitor_save_title({}, { locale }),
		body: m.visitor_save_body({}, { locale }),
		note: m.visitor_lesson_note({}, { locale })
	};
}
