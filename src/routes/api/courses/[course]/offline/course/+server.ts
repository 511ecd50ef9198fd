import { offlineFileResponse } from '$lib/server/courses/offline-response';
import { parseParams } from '$lib/server/http/respond';
import { courseParams } from '$lib/schemas/learning';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const { course } = parseParams(courseParams, params, locals.locale, 'error_no_course');
	return offlineFileResponse(course, 'course', locals.locale);
};
