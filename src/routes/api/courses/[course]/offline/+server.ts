import { json } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { offlineManifest } from '$lib/server/courses/offline';
import { notFound, parseParams } from '$lib/server/http/respond';
import { courseParams } from '$lib/schemas/learning';
import type { RequestHandler } from './$types';

/** What to download to read a course offline: every file, with its size. Public content. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { course } = parseParams(courseParams, params, locals.locale, 'error_no_course');
	const manifest = await offlineManifest(getDb(), course, config.mediaPath);
	if (!manifest) notFound(locals.locale, 'error_no_course');
	return json(manifest);
};
