import { getDb } from '$lib/server/db';
import { servicesForAdmin } from '$lib/server/services/review';
import { helpCounts } from '$lib/server/services/counts';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => ({
	services: await servicesForAdmin(getDb()),
	counts: await helpCounts(getDb()),
	removed: url.searchParams.get('removed') === 'example',
	returned: url.searchParams.has('returned')
})) satisfies PageServerLoad;
