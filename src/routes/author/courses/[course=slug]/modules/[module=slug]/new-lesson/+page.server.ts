import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { addLesson } from '$lib/server/courses/authoring/lessons';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { getModuleDraft } from '$lib/server/courses/drafts';
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
	const { course, module } = params;
	const draft = await getModuleDraft(getDb(), authorOf(signedInUser(locals)), course, module);
	if (!draft) notFound(locals.locale, 'error_no_module');
	return { course, module: draft };
}) satisfies PageServerLoad;

export const actions = {
	preview: previewLesson,
	upload: uploadLessonImage,
	clip: uploadLessonClip,
	save: async (event) => {
		const { course, module } = event.params;
		const read = await lessonToSave(event);
		if (!read.ok) return read.response;
		const result = await addLesson(getDb(), read.author, course, {
			moduleId: module,
			...read.lesson
		});
		if (!result.ok) return read.refused(result.error);
		redirect(303, `/author/courses/${course}`);
	}
} satisfies Actions;
