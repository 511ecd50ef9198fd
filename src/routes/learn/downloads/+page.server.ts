import { lookTexts } from '$lib/server/disguise';
import { noDownloadsNote } from '$lib/server/shared-phone';
import { getDb } from '$lib/server/db';
import { publicKeys } from '$lib/server/courses/signing-keys';
import type { PageServerLoad } from './$types';

// The list itself is read from the phone; the server only says when this session downloads
// nothing, and gives the keys that check a course file opened here.
export const load = (async ({ locals }) => ({
	sharedNote: noDownloadsNote(locals.locale, locals.session),
	lookTexts: lookTexts(locals.locale),
	keys: await publicKeys(getDb())
})) satisfies PageServerLoad;
