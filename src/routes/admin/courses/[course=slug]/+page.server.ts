import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import {
	courseForReview,
	markCourseReview,
	reviewCoursePublication,
	type CourseReviewResult
} from '$lib/server/courses/review';
import { coursePublicationSchema, courseReviewMarkSchema } from '$lib/schemas/course-review';
import type { Locale } from '$lib/server/schema';
import type { FormValues } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { course: courseId } = params;
	const course = await courseForReview(getDb(), courseId);
	if (!course) notFound(locals.locale, 'error_no_course');
	return { course };
}) satisfies PageServerLoad;

/** A refusal as the form's answer: 404 for no course, 409 for a course changed or not waiting. */
function answer(result: CourseReviewResult, action: string, values: FormValues, locale: Locale) {
	if (result.ok) return { action, done: true };
	if (result.error === 'no_course') notFound(locale, 'error_no_course');
	const key = result.error === 'changed' ? 'error_course_changed' : 'error_course_not_submitted';
	return refuse(locale, 409, key, { action, values });
}

export const actions = {
	publication: async ({ params, request, locals }) => {
		const { course } = params;
		const form = await readForm(request, coursePublicationSchema, locals.locale);
		if (!form.ok)
			return fail(400, { action: 'publication', values: form.values, errors: form.errors });
		const result = await reviewCoursePublication(
			getDb(),
			signedInUser(locals).id,
			course,
			form.data.decision,
			form.data.note,
			form.data.seen
		);
		return answer(result, 'publication', form.values, locals.locale);
	},
	review: async ({ params, request, locals }) => {
		const { course } = params;
		const form = await readForm(request, courseReviewMarkSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'review', values: form.values, errors: form.errors });
		const result = await markCourseReview(
			getDb(),
			signedInUser(locals).id,
			course,
			form.data.kind,
			form.data.version,
			form.data.note
		);
		return answer(result, 'review', form.values, locals.locale);
	}
} satisfies Actions;
