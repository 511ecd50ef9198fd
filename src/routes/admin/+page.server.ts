import { countAccounts } from '$lib/server/accounts';
import { getDb } from '$lib/server/db';
import { listOrganizations } from '$lib/server/orgs';
import { rolesToReview } from '$lib/server/roles/review';
import { coursesForReview } from '$lib/server/courses/review';
import { skillGroupsForAdmin } from '$lib/server/skills/editing';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	accounts: await countAccounts(getDb()),
	organizations: await listOrganizations(getDb()),
	roles: await rolesToReview(getDb()),
	courses: await coursesForReview(getDb()),
	skillGroups: await skillGroupsForAdmin(getDb())
})) satisfies PageServerLoad;
