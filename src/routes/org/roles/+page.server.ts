import { getDb } from '$lib/server/db';
import { getMembership } from '$lib/server/orgs';
import { listOrgRoles } from '$lib/server/roles/editing';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const membership = await getMembership(getDb(), locals.user!.id);
	return { status: membership?.org.status ?? null, roles: await listOrgRoles(getDb(), locals.user!.id) };
}) satisfies PageServerLoad;
