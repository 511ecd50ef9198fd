import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { courseFile } from '$lib/server/courses/offline';
import { notFound } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * The published course as one signed file (content/courses/COURSE-FILE.md), for passing on by
 * hand. Public content. Its name says nothing of the app or the course.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const file = await courseFile(getDb(), params.course, config.mediaPath);
	if (!file) notFound(locals.locale, 'error_no_course');
	return new Response(JSON.stringify(file), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="file-${file.signature.slice(0, 8).replace(/[^A-Za-z0-9]/g, '0')}.json"`
		}
	});
};
