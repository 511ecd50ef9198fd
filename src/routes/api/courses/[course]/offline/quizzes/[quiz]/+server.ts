import { offlineFileResponse } from '$lib/server/courses/offline-response';
import { parseParams } from '$lib/server/http/respond';
import { quizParams } from '$lib/schemas/learning';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const { course, quiz } = parseParams(quizParams, params, locals.locale, 'error_no_quiz');
	return offlineFileResponse(course, `quizzes/${quiz}`, locals.locale);
};
