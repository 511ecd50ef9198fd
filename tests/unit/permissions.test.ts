import { describe, expect, it } from 'vitest';
import { securityHeaders } from '$lib/server/headers';

const microphone = (path: string, status = 200) =>
	securityHeaders(false, path, status)['permissions-policy'].match(/microphone=\([^)]*\)/)?.[0];

describe('the microphone', () => {
	it("may be asked for by this site only on a course's authoring pages, where authors record clips", () => {
		for (const path of [
			'/author/courses/thai-abc12',
			'/author/courses/thai-abc12/modules/part-1/new-quiz',
			'/author/courses/thai-abc12/lessons/lesson-1',
			'/author/courses/thai-abc12/modules/part-1/new-lesson',
			'/author/courses/thai-abc12/quizzes/quiz-1'
		])
			expect(microphone(path), path).toBe('microphone=(self)');
		for (const path of [
			'',
			'/',
			'/learn/courses/thai-abc12/lessons/lesson-1',
			'/author',
			'/author/courses/thai-abc12/lessons/lesson-1/x',
			'/authors',
			'/account',
			'/learn/author/courses',
			'/media/courses/thai-abc12/x.ogg'
		])
			expect(microphone(path), path).toBe('microphone=()');
		// Refused (a learner or visitor sent to sign in, a course not theirs): never.
		for (const status of [303, 401, 403, 404])
			expect(microphone('/author/courses/thai-abc12/lessons/lesson-1', status)).toBe(
				'microphone=()'
			);
	});
});
