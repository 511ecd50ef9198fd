import { getDb } from '$lib/server/db';
import { getMembership } from '$lib/server/orgs/membership';
import { listOrgTrainings } from '$lib/server/trainings/organization';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => {
	const userId = signedInUser(locals).id;
	const membership = await getMembership(getDb(), userId);
	return {
		status: membership?.org.status ?? null,
		trainings: await listOrgTrainings(getDb(), userId)
	};
}) satisfies PageServerLoad;
