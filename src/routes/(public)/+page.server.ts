import { lookTexts } from '$lib/server/disguise';
import type { PageServerLoad } from './$types';

// The disguise's explanations come with this page only (src/lib/server/disguise.ts).
export const load = (({ locals }) => ({
	lookTexts: lookTexts(locals.locale)
})) satisfies PageServerLoad;
