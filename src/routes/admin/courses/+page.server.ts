import { getDb } from '$lib/server/db';
import { coursesForReview } from '$lib/server/courses/review';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	courses: await coursesForReview(getDb())
})) satisfies PageServerLoad;
