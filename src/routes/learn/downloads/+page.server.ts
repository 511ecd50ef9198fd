import { lookTexts } from '$lib/server/disguise';
import { noDownloadsNote } from '$lib/server/shared-phone';
import type { PageServerLoad } from './$types';

// The list itself is read from the phone; the server only says when this session downloads nothing.
export const load = (({ locals }) => ({
	sharedNote: noDownloadsNote(locals.locale, locals.session),
	lookTexts: lookTexts(locals.locale)
})) satisfies PageServerLoad;
