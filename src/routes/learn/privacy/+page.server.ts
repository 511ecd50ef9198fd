import { getDb } from '$lib/server/db';
import { viewsOfLearner } from '$lib/server/audit/trail';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

// The learner's own trail only: viewsOfLearner reads the rows about this account and its applications.
export const load = (async ({ locals }) => ({
	views: await viewsOfLearner(getDb(), signedInUser(locals).id)
})) satisfies PageServerLoad;
