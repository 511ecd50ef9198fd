import { getDb } from '$lib/server/db';
import { learnerRequests } from '$lib/server/services/requests';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => ({
	requests: await learnerRequests(getDb(), signedInUser(locals).id)
})) satisfies PageServerLoad;
