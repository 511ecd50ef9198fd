import { getDb } from '$lib/server/db';
import { trainingsToReview } from '$lib/server/trainings/review';
import { exampleTraining } from '$lib/server/trainings/example';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => ({
	trainings: await trainingsToReview(getDb()),
	example: await exampleTraining(getDb()),
	removed: url.searchParams.get('removed') === 'example'
})) satisfies PageServerLoad;
