import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { translate } from '$lib/server/i18n';
import { addLesson } from '$lib/server/courses/authoring/lessons';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { getModuleDraft } from '$lib/server/courses/drafts';
import { previewAction, readLessonForm, uploadAction } from '$lib/server/courses/lesson-form';
import { notFound, parseParams } from '$lib/server/respond';
import { authorModuleParams } from '$lib/schemas/authoring';
import type { Actions, PageServerLoad } from './$types';

const params = authorModuleParams;

export const load = (async ({ params: p, locals }) => {
	const { course, module } = parseParams(params, p, locals.locale, 'error_no_module');
	const draft = await getModuleDraft(getDb(), authorOf(locals.user!), course, module);
	if (!draft) notFound(locals.locale, 'error_no_module');
	return { course, module: draft };
}) satisfies PageServerLoad;

export const actions = {
	preview: async ({ params: p, request, locals }) => {
		const { course } = parseParams(params, p, locals.locale, 'error_no_module');
		const read = await readLessonForm(request, locals.locale);
		return read.ok
			? previewAction(getDb(), authorOf(locals.user!), course, read, locals.locale)
			: read.response;
	},
	upload: async ({ params: p, request, locals }) => {
		const { course } = parseParams(params, p, locals.locale, 'error_no_module');
		const read = await readLessonForm(request, locals.locale);
		return read.ok
			? uploadAction(getDb(), authorOf(locals.user!), course, read, config.mediaPath, locals.locale)
			: read.response;
	},
	save: async ({ params: p, request, locals }) => {
		const { course, module } = parseParams(params, p, locals.locale, 'error_no_module');
		const read = await readLessonForm(request, locals.locale);
		if (!read.ok) return read.response;
		const { form } = read;
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		const d = form.data;
		const result = await addLesson(getDb(), authorOf(locals.user!), course, {
			moduleId: module,
			minutes: d.minutes,
			title: { my: d.title_my, en: d.title_en },
			body: { my: d.body_my, en: d.body_en }
		});
		if (!result.ok)
			return fail(404, {
				action: 'save',
				values: form.values,
				errors: { form: translate(`error_${result.error}`, locals.locale) } as Record<
					string,
					string
				>
			});
		redirect(303, `/author/courses/${course}`);
	}
} satisfies Actions;
