import { fail, redirect } from '@sveltejs/kit';
import { courseProgress, markLessonDone } from '$lib/server/courses/progress';
import { getLesson } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, signUpFirst } from '$lib/server/http/respond';
import { publishedLessonHtml } from '$lib/server/courses/lesson-html';
import { dataSaverOn } from '$lib/server/http/data-saver';
import { clipSizes } from '$lib/server/courses/clips';
import { clipsOnTap } from '$lib/clips';
import { formatBytes } from '$lib/format';
import { translate } from '$lib/server/i18n';
import { visitorTexts } from '$lib/server/visitor';
import { textSizeSchema } from '$lib/schemas/learning';
import { progressOwner } from '$lib/server/shared-phone';
import { COOKIES } from '$lib/stored-names';
import type { Actions, PageServerLoad } from './$types';

const TEXT_SIZE_COOKIE = COOKIES.textSize;

export const load = (async ({ params, locals, cookies, request, url }) => {
	const { course, lesson: lessonId } = params;
	const lesson = await getLesson(getDb(), course, lessonId, locals.locale);
	if (!lesson) notFound(locals.locale, 'error_no_lesson');
	// A visitor reads a course's first lesson (the one with nothing before it); the rest come
	// with an account.
	if (!locals.user && lesson.previous !== null) signUpFirst(url.pathname);
	// Data saver (the phone's Save-Data, or the learner's setting): pictures load on tap.
	const saver = dataSaverOn(cookies, request);
	let html = publishedLessonHtml(
		lesson,
		saver ? translate('lesson_show_picture', locals.locale) : undefined
	);
	// ...and so do sound clips, each link saying how much the tap costs.
	if (saver && html.includes('<audio')) {
		const sizes = await clipSizes(getDb(), course);
		html = clipsOnTap(html, (src) =>
			translate('clip_tap_to_load', locals.locale, {
				size: formatBytes(sizes.get(src.split('/').pop()!) ?? 0, locals.locale)
			})
		);
	}
	// Nothing of a visitor is read or kept, nor shown of a learner while a shared phone is locked.
	const owner = progressOwner(locals);
	const progress = owner ? await courseProgress(getDb(), owner, course) : null;
	const size = cookies.get(TEXT_SIZE_COOKIE);
	// The version only picks the kept HTML: the page has no use for it.
	const { version: _, ...shown } = lesson;
	return {
		lesson: { ...shown, body: undefined },
		html,
		visitor: locals.user ? null : visitorTexts(locals.locale),
		done: progress?.lessonsDone.includes(lessonId) ?? false,
		textSize: size === 's' || size === 'l' ? size : 'm'
	};
}) satisfies PageServerLoad;

export const actions = {
	done: async ({ params, locals, url }) => {
		const { course, lesson: lessonId } = params;
		if (!locals.user) signUpFirst(url.pathname);
		const lesson = await getLesson(getDb(), course, lessonId, locals.locale);
		const result = await markLessonDone(getDb(), locals.user.id, course, lessonId);
		if (!result.ok || !lesson) notFound(locals.locale, 'error_no_lesson');
		// This lesson completed the course: say so first, with the certificate.
		if (result.completedNow) redirect(303, `/learn/courses/${course}?finished`);
		// The end of a module leads to its quiz; otherwise on to the next lesson.
		if (lesson.quizAfter) redirect(303, `/learn/courses/${course}/quizzes/${lesson.quizAfter}`);
		if (lesson.next) redirect(303, `/learn/courses/${course}/lessons/${lesson.next}`);
		redirect(303, `/learn/courses/${course}`);
	},
	// A reading preference of this phone, for visitors too: nothing is kept on the server.
	textSize: async ({ request, locals, cookies }) => {
		const form = await readForm(request, textSizeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		// A reading preference, not personal data; remembered on this phone only, and readable by
		// the offline reader (which has no server to ask).
		cookies.set(TEXT_SIZE_COOKIE, form.data.size, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 400 * 24 * 3600
		});
		return { textSize: form.data.size };
	}
} satisfies Actions;
