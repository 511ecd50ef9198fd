import { getDb } from '$lib/server/db';
import { getMembership } from '$lib/server/orgs/membership';
import { orgServices } from '$lib/server/services/organization';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => {
	const userId = signedInUser(locals).id;
	const membership = await getMembership(getDb(), userId);
	return {
		status: membership?.org.status ?? null,
		services: await orgServices(getDb(), userId)
	};
}) satisfies PageServerLoad;
