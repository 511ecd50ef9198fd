import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import { attendanceSheet } from '$lib/server/trainings/attendance';
import { noticesOf, orgTrainingNews, postNotice } from '$lib/server/trainings/messages';
import { noticeSchema } from '$lib/schemas/training-cohort';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const memberId = signedInUser(locals).id;
	const sheet = await attendanceSheet(getDb(), memberId, params.training);
	const notices = await noticesOf(getDb(), memberId, params.training);
	if (!sheet || !notices) notFound(locals.locale, 'error_no_training');
	const news = new Set((await orgTrainingNews(getDb(), memberId)).map((n) => n.placeId));
	return {
		training: { id: sheet.trainingId, title: sheet.title },
		participants: sheet.participants.map((p) => ({
			placeId: p.placeId,
			pseudonym: p.pseudonym,
			news: news.has(p.placeId)
		})),
		notices
	};
}) satisfies PageServerLoad;

export const actions = {
	notice: async ({ params, request, locals }) => {
		const form = await readForm(request, noticeSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await postNotice(getDb(), signedInUser(locals).id, params.training, form.data.body);
		if (!result.ok) notFound(locals.locale, 'error_no_training');
		return { posted: true };
	}
} satisfies Actions;
