import { getDb } from '$lib/server/db';
import { getMembership } from '$lib/server/orgs/membership';
import { listOrgRoles } from '$lib/server/roles/editing';
import { orgNews } from '$lib/server/applications/news';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const membership = await getMembership(getDb(), locals.user!.id);
	const news: Record<string, number> = {};
	for (const { roleId } of await orgNews(getDb(), locals.user!.id))
		news[roleId] = (news[roleId] ?? 0) + 1;
	return {
		status: membership?.org.status ?? null,
		roles: await listOrgRoles(getDb(), locals.user!.id),
		news
	};
}) satisfies PageServerLoad;
