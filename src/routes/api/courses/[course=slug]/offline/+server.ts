import { json } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { offlineManifest } from '$lib/server/courses/offline';
import { notFound } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** What to download to read a course offline: every file, with its size. Public content. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { course } = params;
	const manifest = await offlineManifest(getDb(), course, config.mediaPath);
	if (!manifest) notFound(locals.locale, 'error_no_course');
	return json(manifest);
};
