import { offlineFileResponse } from '$lib/server/courses/offline-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const { course } = params;
	return offlineFileResponse(course, 'course', locals.locale);
};
