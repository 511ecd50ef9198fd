import { getDb } from '$lib/server/db';
import { servicesForAdmin } from '$lib/server/services/review';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => ({
	services: await servicesForAdmin(getDb()),
	removed: url.searchParams.get('removed') === 'example'
})) satisfies PageServerLoad;
