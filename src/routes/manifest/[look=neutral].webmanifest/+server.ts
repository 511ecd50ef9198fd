import { isNeutralLook } from '$lib/disguise';
import { neutralManifest } from '$lib/server/disguise';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The manifest of a neutral look, named in the phone's language (the default look's is static). */
export const GET: RequestHandler = ({ params, locals }) => {
	if (!isNeutralLook(params.look)) error(404);
	return new Response(JSON.stringify(neutralManifest(params.look, locals.locale)), {
		headers: { 'content-type': 'application/manifest+json' }
	});
};
