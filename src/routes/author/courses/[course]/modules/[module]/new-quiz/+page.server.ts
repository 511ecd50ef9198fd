import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { addQuiz } from '$lib/server/courses/authoring/quizzes';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { getModuleDraft } from '$lib/server/courses/drafts';
import { notFound, parseParams } from '$lib/server/respond';
import { authorModuleParams, newQuizSchema } from '$lib/schemas/authoring';
import type { Actions, PageServerLoad } from './$types';

const params = authorModuleParams;

export const load = (async ({ params: p, locals }) => {
	const { course, module } = parseParams(params, p, locals.locale, 'error_no_module');
	const draft = await getModuleDraft(getDb(), authorOf(locals.user!), course, module);
	if (!draft) notFound(locals.locale, 'error_no_module');
	// A module has one quiz: if it exists already, edit that one.
	if (draft.quizId) redirect(303, `/author/courses/${course}/quizzes/${draft.quizId}`);
	return { course, module: draft };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params: p, request, locals }) => {
		const { course, module } = parseParams(params, p, locals.locale, 'error_no_module');
		const form = await readForm(request, newQuizSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await addQuiz(
			getDb(),
			authorOf(locals.user!),
			course,
			module,
			{ title: form.data.title, passMark: form.data.passMark },
			form.data.question
		);
		if (!result.ok)
			return fail(result.error === 'quiz_exists' ? 409 : 404, {
				values: form.values,
				errors: { form: translate(`error_${result.error}`, locals.locale) } as Record<
					string,
					string
				>
			});
		redirect(303, `/author/courses/${course}/quizzes/${result.id}`);
	}
} satisfies Actions;
