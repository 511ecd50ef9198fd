import { getDb } from '$lib/server/db';
import { trainingsForLearner } from '$lib/server/trainings/listing';
import { signedInUser } from '$lib/server/http/user';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) =>
	trainingsForLearner(getDb(), signedInUser(locals), locals.locale)) satisfies PageServerLoad;
