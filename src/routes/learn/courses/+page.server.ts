import { listCourses } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { catalogueSchema } from '$lib/schemas/learning';
import type { PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const filters = catalogueSchema.parse(Object.fromEntries(url.searchParams));
	const courses = await listCourses(
		getDb(),
		{
			q: filters.q,
			category: filters.category,
			audience: filters.audience,
			maxBytes: filters.size ? Number(filters.size) * 1024 : undefined
		},
		locals.locale
	);
	// A visitor (no account) gets each course's first lesson one tap away: reading before signing
	// up. A learner starts a course from its page (which enrols them), so their list goes without.
	const visitor = !locals.user;
	return {
		filters,
		courses: visitor ? courses : courses.map((course) => ({ ...course, firstLesson: null })),
		visitor
	};
}) satisfies PageServerLoad;
