import { error } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/session';
import { translate } from '$lib/server/i18n';

/**
 * The signed-in account of a request, for routes the access table opens only to accounts
 * (hooks.server.ts decides before any load or action runs). Should a route ever run without
 * one (a rule changed in the table, a route moved), the answer is the translated "please sign
 * in" with 401: never a 500, never a query with no account behind it.
 */
export function signedInUser(locals: App.Locals): SessionUser {
	if (!locals.user) error(401, translate('error_sign_in_needed', locals.locale));
	return locals.user;
}
