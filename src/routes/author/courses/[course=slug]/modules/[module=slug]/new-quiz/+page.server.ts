import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { addQuiz, authorOf } from '$lib/server/courses/authoring';
import { getModuleDraft } from '$lib/server/courses/drafts';
import { notFound } from '$lib/server/http/respond';
import { newQuizSchema } from '$lib/schemas/authoring';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { course, module } = params;
	const draft = await getModuleDraft(getDb(), authorOf(locals.user!), course, module);
	if (!draft) notFound(locals.locale, 'error_no_module');
	// A module has one quiz: if it exists already, edit that one.
	if (draft.quizId) redirect(303, `/author/courses/${course}/quizzes/${draft.quizId}`);
	return { course, module: draft };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, request, locals }) => {
		const { course, module } = params;
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
