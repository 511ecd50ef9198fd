import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { username: locals.user.username, kind: locals.user.kind } : null
})) satisfies LayoutServerLoad;
