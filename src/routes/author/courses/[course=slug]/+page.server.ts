import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { addModule, renameModule } from '$lib/server/courses/authoring/modules';
import { authorOf, type Author, type AuthorResult } from '$lib/server/courses/authoring/authors';
import {
	chooseCourseSkills,
	setPublished,
	updateCourseDetails
} from '$lib/server/courses/authoring/course';
import { moveLesson, restoreLesson, retireLesson } from '$lib/server/courses/authoring/lessons';
import { getCourseDraft, listSkills } from '$lib/server/courses/drafts';
import { notFound, refuse } from '$lib/server/http/respond';
import {
	courseDetailsSchema,
	courseSkillsSchema,
	lessonIdSchema,
	moduleSchema,
	moveLessonSchema,
	publishSchema,
	renameModuleSchema
} from '$lib/schemas/authoring';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { course } = params;
	const draft = await getCourseDraft(getDb(), authorOf(signedInUser(locals)), course);
	if (!draft) notFound(locals.locale, 'error_no_course');
	return { course: draft, skills: await listSkills(getDb(), authorOf(signedInUser(locals))) };
}) satisfies PageServerLoad;

/**
 * Reads the form for `action`, runs the edit, and answers: the translated error as a 400 (bad
 * input) or 404/409 (refused by the domain), or `{ action, done: true }`.
 */
async function edit<S extends z.ZodType>(
	event: RequestEvent,
	action: string,
	schema: S,
	run: (author: Author, course: string, data: z.output<S>) => Promise<AuthorResult>
) {
	const { locals, params, request } = event;
	const { course } = params;
	const form = await readForm(request, schema, locals.locale);
	if (!form.ok) return fail(400, { action, values: form.values, errors: form.errors });
	const result = await run(authorOf(signedInUser(locals)), course, form.data);
	if (!result.ok) {
		const status = result.error === 'no_course' ? 404 : 409;
		return refuse(locals.locale, status, `error_${result.error}`, { action, values: form.values });
	}
	return { action, done: true };
}

export const actions = {
	details: (event) =>
		edit(event, 'details', courseDetailsSchema, (a, course, d) =>
			updateCourseDetails(getDb(), a, course, {
				category: d.category,
				audience: d.audience,
				title: { my: d.title_my, en: d.title_en },
				summary: { my: d.summary_my, en: d.summary_en },
				practical: d.practical,
				expert: d.expert
			})
		),
	skills: (event) =>
		edit(event, 'skills', courseSkillsSchema, (a, course, d) =>
			chooseCourseSkills(getDb(), a, course, d.picks, d.newSkill)
		),
	publish: (event) =>
		edit(event, 'publish', publishSchema, (a, course, d) =>
			setPublished(getDb(), a, course, d.published)
		),
	addModule: (event) =>
		edit(event, 'addModule', moduleSchema, (a, course, d) =>
			addModule(getDb(), a, course, { my: d.title_my, en: d.title_en })
		),
	renameModule: (event) =>
		edit(event, 'renameModule', renameModuleSchema, (a, course, d) =>
			renameModule(getDb(), a, course, d.module, { my: d.title_my, en: d.title_en })
		),
	move: (event) =>
		edit(event, 'move', moveLessonSchema, (a, course, d) =>
			moveLesson(getDb(), a, course, d.lesson, d.direction)
		),
	retire: (event) =>
		edit(event, 'retire', lessonIdSchema, (a, course, d) =>
			retireLesson(getDb(), a, course, d.lesson)
		),
	restore: (event) =>
		edit(event, 'restore', lessonIdSchema, (a, course, d) =>
			restoreLesson(getDb(), a, course, d.lesson)
		)
} satisfies Actions;
