import { getDb } from '$lib/server/db';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { updateLesson } from '$lib/server/courses/authoring/lessons';
import { getLessonDraft } from '$lib/server/courses/drafts';
import {
	lessonToSave,
	previewLesson,
	uploadLessonClip,
	uploadLessonImage
} from '$lib/server/http/lesson-form';
import { notFound } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { course, lesson } = params;
	const draft = await getLessonDraft(getDb(), authorOf(signedInUser(locals)), course, lesson);
	if (!draft) notFound(locals.locale, 'error_no_lesson');
	return { lesson: draft };
}) satisfies PageServerLoad;

export const actions = {
	preview: previewLesson,
	upload: uploadLessonImage,
	clip: uploadLessonClip,
	save: async (event) => {
		const { course, lesson } = event.params;
		const read = await lessonToSave(event);
		if (!read.ok) return read.response;
		const result = await updateLesson(getDb(), read.author, course, { id: lesson, ...read.lesson });
		if (!result.ok) return read.refused(result.error);
		return { action: 'save', done: true };
	}
} satisfies Actions;
