import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { addCourse } from '$lib/server/courses/authoring/course';
import { authorOf } from '$lib/server/courses/authoring/authors';
import { listAuthoredCourses } from '$lib/server/courses/drafts';
import { refuse } from '$lib/server/http/respond';
import { courseDetailsSchema } from '$lib/schemas/authoring';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => ({
	courses: await listAuthoredCourses(getDb(), authorOf(signedInUser(locals)), locals.locale)
})) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, locals }) => {
		const form = await readForm(request, courseDetailsSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const d = form.data;
		const result = await addCourse(getDb(), authorOf(signedInUser(locals)), {
			category: d.category,
			audience: d.audience,
			title: { my: d.title_my, en: d.title_en },
			summary: { my: d.summary_my, en: d.summary_en },
			practical: d.practical,
			expert: d.expert
		});
		if (!result.ok)
			return refuse(locals.locale, 403, `error_${result.error}`, { values: form.values });
		redirect(303, `/author/courses/${result.id}`);
	}
} satisfies Actions;
