import { offlineFileResponse } from '$lib/server/courses/offline-response';
import { parseParams } from '$lib/server/http/respond';
import { lessonParams } from '$lib/schemas/learning';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const { course, lesson } = parseParams(lessonParams, params, locals.locale, 'error_no_lesson');
	return offlineFileResponse(course, `lessons/${lesson}`, locals.locale);
};
