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
import { addCourseClip, courseClips } from '$lib/server/courses/authoring/clips';
import { config } from '$lib/server/config';
import { CLIP_MAX_BYTES } from '$lib/clips';

export const load = (async ({ params, locals }) => {
	const { course, quiz } = params;
	const author = authorOf(signedInUser(locals));
	const draft = await getQuizDraft(getDb(), author, course, quiz);
	if (!draft) notFound(locals.locale, 'error_no_quiz');
	return { quiz: draft, clips: await courseClips(getDb(), author, course) };
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
	// A clip for a listening question: checked and stored like a lesson's, then chosen in a question.
	clip: async ({ params, request, locals }) => {
		const refused = (key: string, status: 400 | 404 = 400) =>
			refuse(
				locals.locale,
				status,
				key,
				{ action: 'clip', target: 'clip', values: {} },
				{
					field: 'clip'
				}
			);
		let file: FormDataEntryValue | null;
		try {
			file = (await request.formData()).get('clip');
		} catch {
			return refused('error_form');
		}
		if (!(file instanceof File) || file.size === 0) return refused('error_clip_missing');
		if (file.size > CLIP_MAX_BYTES) return refused('error_clip_too_large');
		const author = authorOf(signedInUser(locals));
		const added = await addCourseClip(
			getDb(),
			author,
			params.course,
			new Uint8Array(await file.arrayBuffer()),
			config.mediaPath
		);
		if (!added.ok)
			return added.error === 'no_course'
				? refused('error_no_course', 404)
				: refused(`error_${added.error}`);
		const clips = await courseClips(getDb(), author, params.course);
		return {
			action: 'clip',
			target: 'clip',
			clipNumber: clips.findIndex((c) => c.name === added.name) + 1
		};
	},
	removeQuestion: (event) =>
		edit(
			event,
			'removeQuestion',
			questionIdSchema,
			(a, course, quiz, d) => removeQuestion(getDb(), a, course, quiz, d.question),
			(values) => values.question ?? ''
		)
} satisfies Actions;
