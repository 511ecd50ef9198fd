import { offlineFileResponse } from '$lib/server/courses/offline-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const { course, quiz } = params;
	return offlineFileResponse(course, `quizzes/${quiz}`, locals.locale);
};
