import { getDb } from '$lib/server/db';
import { notFound } from '$lib/server/http/respond';
import { listedService } from '$lib/server/services/directory';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const service = await listedService(getDb(), params.service);
	if (!service) notFound(locals.locale, 'error_service_no_service');
	// Visitors are asked to sign up first; organizations and administrators do not ask.
	return { service, canAsk: !locals.user || locals.user.kind === 'learner' };
}) satisfies PageServerLoad;
