import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import { attendanceSheet } from '$lib/server/trainings/attendance';
import { completeTraining, previewCompletion } from '$lib/server/trainings/completion';
import { completionSchema } from '$lib/schemas/training-cohort';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const memberId = signedInUser(locals).id;
	const sheet = await attendanceSheet(getDb(), memberId, params.training);
	const preview = await previewCompletion(getDb(), memberId, params.training);
	if (!sheet || !preview) notFound(locals.locale, 'error_no_training');
	return {
		training: { id: sheet.trainingId, title: sheet.title, completedAt: sheet.completedAt },
		share: preview.share,
		participants: sheet.participants.map((p, i) => ({
			pseudonym: p.pseudonym,
			attended: preview.participants[i].attended
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	complete: async ({ params, request, locals }) => {
		const form = await readForm(request, completionSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await completeTraining(
			getDb(),
			signedInUser(locals).id,
			params.training,
			form.data.share
		);
		if (!result.ok && result.error === 'no_training') notFound(locals.locale, 'error_no_training');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_completion_${result.error}`, {
				values: form.values
			});
		return { completed: result.completed, notCompleted: result.notCompleted };
	}
} satisfies Actions;
