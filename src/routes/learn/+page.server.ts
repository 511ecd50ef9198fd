import { myLearning } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	username: locals.user!.username,
	courses: await myLearning(getDb(), locals.user!.id, locals.locale)
})) satisfies PageServerLoad;
