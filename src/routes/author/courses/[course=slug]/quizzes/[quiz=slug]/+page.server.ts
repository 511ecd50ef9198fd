import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import {
	removeQuestion,
	saveQuestion,
	updateQuizDetails
} from '$lib/server/courses/authoring/quizzes';
import { authorOf, type Author, type AuthorResult } from '$lib/server/courses/authoring/authors';
import { getQuizDraft } from '$lib/server/courses/drafts';
import { notFound, refuse } from '$lib/server/http/respond';
import {
	editQuestionSchema,
	questionIdSchema,
	questionSchema,
	quizDetailsSchema
} from '$lib/schemas/authoring';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { course, quiz } = params;
	const draft = await getQuizDraft(getDb(), authorOf(signedInUser(locals)), course, quiz);
	if (!draft) notFound(locals.locale, 'error_no_quiz');
	return { quiz: draft };
}) satisfies PageServerLoad;

/** Reads the form, runs the edit, answers with a translated error or `{ action, done }`. */
async function edit<S extends z.ZodType>(
	event: RequestEvent,
	action: string,
	schema: S,
	run: (author: Author, course: string, quiz: string, data: z.output<S>) => Promise<AuthorResult>,
	/** Which question form sent it, so the error shows beside that form. */
	target: (values: Record<string, string>) => string = () => action
) {
	const { locals, params, request } = event;
	const { course, quiz } = params;
	const form = await readForm(request, schema, locals.locale);
	if (!form.ok)
		return fail(400, {
			action,
			target: target(form.values),
			values: form.values,
			errors: form.errors
		});
	const result = await run(authorOf(signedInUser(locals)), course, quiz, form.data);
	if (!result.ok) {
		const status = result.error === 'no_course' || result.error === 'no_quiz' ? 404 : 409;
		return refuse(locals.locale, status, `error_${result.error}`, {
			action,
			target: target(form.values),
			values: form.values
		});
	}
	return { action, target: target(form.values), done: true };
}

export const actions = {
	details: (event) =>
		edit(event, 'details', quizDetailsSchema, (a, course, quiz, d) =>
			updateQuizDetails(getDb(), a, course, quiz, { my: d.title_my, en: d.title_en }, d.pass_mark)
		),
	addQuestion: (event) =>
		edit(event, 'addQuestion', questionSchema, (a, course, quiz, d) =>
			saveQuestion(getDb(), a, course, quiz, null, d)
		),
	saveQuestion: (event) =>
		edit(
			event,
			'saveQuestion',
			editQuestionSchema,
			(a, course, quiz, d) => saveQuestion(getDb(), a, course, quiz, d.id, d.question),
			(values) => values.question ?? ''
		),
	removeQuestion: (event) =>
		edit(
			event,
			'removeQuestion',
			questionIdSchema,
			(a, course, quiz, d) => removeQuestion(getDb(), a, course, quiz, d.question),
			(values) => values.question ?? ''
		)
} satisfies Actions;
