import { listCourses } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { catalogueSchema } from '$lib/schemas/learning';
import type { PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const filters = catalogueSchema.parse(Object.fromEntries(url.searchParams));
	const courses = await listCourses(
		getDb(),
		{ q: filters.q, category: filters.category, audience: filters.audience, maxBytes: filters.size ? Number(filters.size) * 1024 : undefined },
		locals.locale
	);
	return { filters, courses };
}) satisfies PageServerLoad;
