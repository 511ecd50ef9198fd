import { getDb } from '$lib/server/db';
import { listMyApplications } from '$lib/server/applications/learner';
import { learnerNews } from '$lib/server/applications/news';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => ({
	applications: await listMyApplications(getDb(), signedInUser(locals).id, locals.locale),
	news: await learnerNews(getDb(), signedInUser(locals).id)
})) satisfies PageServerLoad;
