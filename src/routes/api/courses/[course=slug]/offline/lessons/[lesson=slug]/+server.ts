import { offlineFileResponse } from '$lib/server/courses/offline-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const { course, lesson } = params;
	return offlineFileResponse(course, `lessons/${lesson}`, locals.locale);
};
