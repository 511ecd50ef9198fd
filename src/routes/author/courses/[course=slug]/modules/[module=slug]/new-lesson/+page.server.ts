import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { addLesson } from '$lib/server/courses/authoring/lessons';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { getModuleDraft } from '$lib/server/courses/drafts';
import { previewAction, readLessonForm, uploadAction } from '$lib/server/http/lesson-form';
import { notFound, refuse } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { course, module } = params;
	const draft = await getModuleDraft(getDb(), authorOf(signedInUser(locals)), course, module);
	if (!draft) notFound(locals.locale, 'error_no_module');
	return { course, module: draft };
}) satisfies PageServerLoad;

export const actions = {
	preview: async ({ params, request, locals }) => {
		const { course } = params;
		const read = await readLessonForm(request, locals.locale);
		return read.ok
			? previewAction(getDb(), authorOf(signedInUser(locals)), course, read, locals.locale)
			: read.response;
	},
	upload: async ({ params, request, locals }) => {
		const { course } = params;
		const read = await readLessonForm(request, locals.locale);
		return read.ok
			? uploadAction(
					getDb(),
					authorOf(signedInUser(locals)),
					course,
					read,
					config.mediaPath,
					locals.locale
				)
			: read.response;
	},
	save: async ({ params, request, locals }) => {
		const { course, module } = params;
		const read = await readLessonForm(request, locals.locale);
		if (!read.ok) return read.response;
		const { form } = read;
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		const d = form.data;
		const result = await addLesson(getDb(), authorOf(signedInUser(locals)), course, {
			moduleId: module,
			minutes: d.minutes,
			title: { my: d.title_my, en: d.title_en },
			body: { my: d.body_my, en: d.body_en }
		});
		if (!result.ok)
			return refuse(locals.locale, 404, `error_${result.error}`, {
				action: 'save',
				values: form.values
			});
		redirect(303, `/author/courses/${course}`);
	}
} satisfies Actions;
