import { CLEAR_SITE_DATA, signOutThisPhone } from '$lib/server/http/clear';
import { getDb } from '$lib/server/db';
import type { Actions } from './$types';

export const actions = {
	/**
	 * Ends this phone's session and asks the browser to drop everything of this site. Takes no
	 * input. Without JavaScript this is the whole of "Clear this phone", and the page it answers
	 * with leaves for the neutral site by itself; with JavaScript, the page has already removed
	 * what it could (offline too) and leaves on its own.
	 */
	default: async ({ cookies, locals, setHeaders }) => {
		await signOutThisPhone(getDb(), cookies);
		locals.user = null;
		locals.session = null;
		setHeaders({ 'clear-site-data': CLEAR_SITE_DATA });
		return { cleared: true };
	}
} satisfies Actions;
