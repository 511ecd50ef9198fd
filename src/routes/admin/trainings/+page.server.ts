import { getDb } from '$lib/server/db';
import { trainingsToReview } from '$lib/server/trainings/review';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	trainings: await trainingsToReview(getDb())
})) satisfies PageServerLoad;
