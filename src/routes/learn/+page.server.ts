import type { PageServerLoad } from './$types';

export const load = (({ locals }) => ({
	username: locals.user!.username,
	background: locals.user!.background
})) satisfies PageServerLoad;
