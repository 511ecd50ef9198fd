import { getDb } from '$lib/server/db';
import { getMembership } from '$lib/server/orgs/membership';
import { listOrgRoles } from '$lib/server/roles/editing';
import { orgNews } from '$lib/server/applications/news';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => {
	const membership = await getMembership(getDb(), signedInUser(locals).id);
	const news: Record<string, number> = {};
	for (const { roleId } of await orgNews(getDb(), signedInUser(locals).id))
		news[roleId] = (news[roleId] ?? 0) + 1;
	return {
		status: membership?.org.status ?? null,
		roles: await listOrgRoles(getDb(), signedInUser(locals).id),
		news
	};
}) satisfies PageServerLoad;
