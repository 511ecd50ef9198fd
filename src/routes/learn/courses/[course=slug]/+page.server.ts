import { redirect } from '@sveltejs/kit';
import { certificateCode } from '$lib/server/courses/certificates';
import { courseProgress, enrol } from '$lib/server/courses/progress';
import { getCourseOutline } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { offlineManifest } from '$lib/server/courses/offline';
import { isClip, isPicture } from '$lib/offline/stored';
import { notFound, signUpFirst } from '$lib/server/http/respond';
import { noDownloadsNote, progressOwner } from '$lib/server/shared-phone';
import { visitorTexts } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals, url }) => {
	const { course: courseId } = params;
	const course = await getCourseOutline(getDb(), courseId, locals.locale);
	if (!course) notFound(locals.locale, 'error_no_course');
	// The size on the download button, known before anything is fetched; and whether the course
	// has sound clips, which the page says to everyone.
	const offline = await offlineManifest(getDb(), courseId, config.mediaPath);
	const audioBytes =
		offline?.files.filter((f) => isClip(f.url)).reduce((sum, f) => sum + f.bytes, 0) ?? 0;
	// A visitor (no account) sees the course and its first lesson; nothing of theirs is read or kept.
	if (!locals.user) return { course, visitor: visitorTexts(locals.locale), audioBytes };
	// Locked (a shared phone left idle): the course, without anything of the learner's.
	const owner = progressOwner(locals);
	const progress = owner ? await courseProgress(getDb(), owner, courseId) : null;
	return {
		course,
		visitor: null,
		progress,
		certificateCode:
			owner && progress?.completedAt ? await certificateCode(getDb(), owner, courseId) : null,
		// Arrived from the step that completed the course (its last lesson): say so first.
		finished: url.searchParams.has('finished') && Boolean(progress?.completedAt),
		sharedNote: noDownloadsNote(locals.locale, locals.session),
		downloadBytes: offline?.bytes ?? 0,
		picturesBytes:
			offline?.files.filter((f) => isPicture(f.url)).reduce((sum, f) => sum + f.bytes, 0) ?? 0,
		audioBytes
	};
}) satisfies PageServerLoad;

export const actions = {
	enrol: async ({ params, locals, url }) => {
		const { course: courseId } = params;
		if (!locals.user) signUpFirst(url.pathname);
		const result = await enrol(getDb(), locals.user.id, courseId);
		if (!result.ok) notFound(locals.locale, 'error_no_course');
		const outline = (await getCourseOutline(getDb(), courseId, locals.locale))!;
		const first = outline.modules[0]?.lessons[0];
		redirect(
			303,
			first ? `/learn/courses/${courseId}/lessons/${first.id}` : `/learn/courses/${courseId}`
		);
	}
} satisfies Actions;
