import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { addQuiz } from '$lib/server/courses/authoring/quizzes';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { getModuleDraft } from '$lib/server/courses/drafts';
import { notFound, refuse } from '$lib/server/http/respond';
import { newQuizSchema } from '$lib/schemas/authoring';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { course, module } = params;
	const draft = await getModuleDraft(getDb(), authorOf(signedInUser(locals)), course, module);
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
			authorOf(signedInUser(locals)),
			course,
			module,
			{ title: form.data.title, passMark: form.data.passMark },
			form.data.question
		);
		if (!result.ok)
			return refuse(
				locals.locale,
				result.error === 'quiz_exists' ? 409 : 404,
				`error_${result.error}`,
				{ values: form.values }
			);
		redirect(303, `/author/courses/${course}/quizzes/${result.id}`);
	}
} satisfies Actions;
