import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { signedInUser } from '$lib/server/http/user';
import { keptTrainings } from '$lib/server/trainings/kept';
import type { RequestHandler } from './$types';

/**
 * The learner's trainings their phone may keep to read offline (trainings/kept.ts): their own
 * places only, where they meet included. Never stored by the browser or on the way.
 */
export const GET: RequestHandler = async ({ locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	return json({ trainings: await keptTrainings(getDb(), signedInUser(locals).id) });
};
