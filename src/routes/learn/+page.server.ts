import { myLearning } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => ({
	username: signedInUser(locals).username,
	// The session knows who the learner said they are: no query for the order of the entries.
	family: signedInUser(locals).background === 'family',
	courses: await myLearning(getDb(), signedInUser(locals).id, locals.locale)
})) satisfies PageServerLoad;
