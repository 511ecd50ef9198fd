import { json } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { courseSignature } from '$lib/server/courses/offline';
import { notFound } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * The server's signed list of the course's files, without their bodies: a download keeps it, so
 * the phone can pass the course on as one file (content/courses/COURSE-FILE.md). Public.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const signed = await courseSignature(getDb(), params.course, config.mediaPath);
	if (!signed) notFound(locals.locale, 'error_no_course');
	return json(signed);
};
