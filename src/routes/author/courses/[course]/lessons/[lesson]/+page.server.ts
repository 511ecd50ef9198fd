import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { translate } from '$lib/server/i18n';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { updateLesson } from '$lib/server/courses/authoring/lessons';
import { getLessonDraft } from '$lib/server/courses/drafts';
import { previewAction, readLessonForm, uploadAction } from '$lib/server/courses/lesson-form';
import { notFound, parseParams } from '$lib/server/respond';
import { authorLessonParams } from '$lib/schemas/authoring';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { course, lesson } = parseParams(
		authorLessonParams,
		params,
		locals.locale,
		'error_no_lesson'
	);
	const draft = await getLessonDraft(getDb(), authorOf(locals.user!), course, lesson);
	if (!draft) notFound(locals.locale, 'error_no_lesson');
	return { lesson: draft };
}) satisfies PageServerLoad;

export const actions = {
	preview: async ({ params, request, locals }) => {
		const { course } = parseParams(authorLessonParams, params, locals.locale, 'error_no_lesson');
		const read = await readLessonForm(request, locals.locale);
		return read.ok
			? previewAction(getDb(), authorOf(locals.user!), course, read, locals.locale)
			: read.response;
	},
	upload: async ({ params, request, locals }) => {
		const { course } = parseParams(authorLessonParams, params, locals.locale, 'error_no_lesson');
		const read = await readLessonForm(request, locals.locale);
		return read.ok
			? uploadAction(getDb(), authorOf(locals.user!), course, read, config.mediaPath, locals.locale)
			: read.response;
	},
	save: async ({ params, request, locals }) => {
		const { course, lesson } = parseParams(
			authorLessonParams,
			params,
			locals.locale,
			'error_no_lesson'
		);
		const read = await readLessonForm(request, locals.locale);
		if (!read.ok) return read.response;
		const { form } = read;
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		const d = form.data;
		const result = await updateLesson(getDb(), authorOf(locals.user!), course, {
			id: lesson,
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
		return { action: 'save', done: true };
	}
} satisfies Actions;
