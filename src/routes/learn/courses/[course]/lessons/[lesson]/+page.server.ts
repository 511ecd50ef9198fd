import { fail, redirect } from '@sveltejs/kit';
import { courseProgress, markLessonDone } from '$lib/server/courses/progress';
import { getLesson } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, parseParams } from '$lib/server/respond';
import { renderLesson } from '$lib/server/courses/lesson-html';
import { dataSaverOn } from '$lib/server/data-saver';
import { translate } from '$lib/server/i18n';
import { lessonParams, textSizeSchema } from '$lib/schemas/learning';
import { progressOwner } from '$lib/server/shared-phone';
import { COOKIES } from '$lib/stored-names';
import type { Actions, PageServerLoad } from './$types';

const TEXT_SIZE_COOKIE = COOKIES.textSize;

export const load = (async ({ params, locals, cookies, request }) => {
	const { course, lesson: lessonId } = parseParams(lessonParams, params, locals.locale, 'error_no_lesson');
	const lesson = await getLesson(getDb(), course, lessonId, locals.locale);
	if (!lesson) notFound(locals.locale, 'error_no_lesson');
	// Data saver (the phone's Save-Data, or the learner's setting): pictures load on tap.
	const saver = dataSaverOn(cookies, request);
	const html = renderLesson(course, lesson.body, saver ? translate('lesson_show_picture', locals.locale) : undefined);
	const owner = progressOwner(locals);
	const progress = owner ? await courseProgress(getDb(), owner, course) : null;
	const size = cookies.get(TEXT_SIZE_COOKIE);
	return {
		lesson: { ...lesson, body: undefined },
		html,
		done: progress?.lessonsDone.includes(lessonId) ?? false,
		textSize: size === 's' || size === 'l' ? size : 'm'
	};
}) satisfies PageServerLoad;

export const actions = {
	done: async ({ params, locals }) => {
		const { course, lesson: lessonId } = parseParams(lessonParams, params, locals.locale, 'error_no_lesson');
		const lesson = await getLesson(getDb(), course, lessonId, locals.locale);
		const result = await markLessonDone(getDb(), locals.user!.id, course, lessonId);
		if (!result.ok || !lesson) notFound(locals.locale, 'error_no_lesson');
		// The end of a module leads to its quiz; otherwise on to the next lesson.
		if (lesson.quizAfter) redirect(303, `/learn/courses/${course}/quizzes/${lesson.quizAfter}`);
		if (lesson.next) redirect(303, `/learn/courses/${course}/lessons/${lesson.next}`);
		redirect(303, `/learn/courses/${course}`);
	},
	textSize: async ({ request, locals, cookies }) => {
		const form = await readForm(request, textSizeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		// A reading preference, not personal data; remembered on this phone only, and readable by
		// the offline reader (which has no server to ask).
		cookies.set(TEXT_SIZE_COOKIE, form.data.size, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 400 * 24 * 3600 });
		return { textSize: form.data.size };
	}
} satisfies Actions;
