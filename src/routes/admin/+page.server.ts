import { countAccounts } from '$lib/server/accounts/settings';
import { recentBursts } from '$lib/server/auth/floods';
import { getDb } from '$lib/server/db';
import { listOrganizations } from '$lib/server/orgs/membership';
import { lookalikesAmong } from '$lib/server/orgs/vetting';
import { rolesToReview } from '$lib/server/roles/review';
import { trainingsToReview } from '$lib/server/trainings/review';
import { coursesForReview } from '$lib/server/courses/review';
import { skillGroupsForAdmin } from '$lib/server/skills/editing';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const organizations = await listOrganizations(getDb());
	const lookalikes = lookalikesAmong(organizations);
	return {
		accounts: await countAccounts(getDb()),
		organizations: organizations.map((org) => ({
			...org,
			looksLike: lookalikes.get(org.id)!.map((other) => other.name)
		})),
		roles: await rolesToReview(getDb()),
		trainings: await trainingsToReview(getDb()),
		courses: await coursesForReview(getDb()),
		skillGroups: await skillGroupsForAdmin(getDb()),
		bursts: await recentBursts(getDb())
	};
}) satisfies PageServerLoad;
