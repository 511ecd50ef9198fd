import { getDb } from '$lib/server/db';
import { listMyApplications } from '$lib/server/applications/learner';
import { learnerNews } from '$lib/server/applications/news';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	applications: await listMyApplications(getDb(), locals.user!.id, locals.locale),
	news: await learnerNews(getDb(), locals.user!.id)
})) satisfies PageServerLoad;
