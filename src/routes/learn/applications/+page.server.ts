import { getDb } from '$lib/server/db';
import { listMyApplications } from '$lib/server/applications';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({ applications: await listMyApplications(getDb(), locals.user!.id, locals.locale) })) satisfies PageServerLoad;
