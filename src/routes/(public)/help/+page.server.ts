import { getDb } from '$lib/server/db';
import { directory } from '$lib/server/services/directory';
import { DIRECTORY_VERSION_HEADER } from '$lib/pwa/directory';
import type { PageServerLoad } from './$types';

// The whole directory, for anyone: the phone keeps it and filters it (src/lib/pwa/directory.ts).
export const load = (async ({ locals, setHeaders }) => {
	const found = await directory(getDb());
	// The version and language of this copy, which the service worker compares with what it kept.
	setHeaders({ [DIRECTORY_VERSION_HEADER]: found.version, 'content-language': locals.locale });
	return {
		directory: found,
		learner: locals.user?.kind === 'learner',
		// Visitors are asked to sign up first; organizations and administrators do not ask.
		canAsk: !locals.user || locals.user.kind === 'learner'
	};
}) satisfies PageServerLoad;
