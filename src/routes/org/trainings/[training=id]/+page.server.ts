import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse, type RefusalStatus } from '$lib/server/http/respond';
import { moveTraining, updateTraining } from '$lib/server/trainings/editing';
import { getOrgTraining, trainingCohort } from '$lib/server/trainings/organization';
import { orgTrainingNews } from '$lib/server/trainings/messages';
import { trainingFormValues } from '$lib/server/trainings/form';
import { addSkillAction, removeSkillAction, skillPickerData } from '$lib/server/http/posted-skills';
import { roleMoveSchema } from '$lib/schemas/role';
import { trainingDetailsSchema } from '$lib/schemas/training';
import { sessionRowsOf } from '$lib/training-rows';
import type { Locale } from '$lib/server/schema';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals, url }) => {
	const db = getDb();
	const userId = signedInUser(locals).id;
	const training = await getOrgTraining(db, userId, params.training);
	const cohort = training && (await trainingCohort(db, userId, params.training));
	if (!training || !cohort) notFound(locals.locale, 'error_training_no_training');
	const news = (await orgTrainingNews(db, userId)).filter(
		(n) => n.trainingId === params.training
	).length;
	return {
		training,
		cohort,
		news,
		values: trainingFormValues(training),
		...(await skillPickerData(
			db,
			training.skills.map((s) => s.id),
			training.status === 'draft',
			url,
			locals.locale
		))
	};
}) satisfies PageServerLoad;

const refused = (locale: Locale, action: string, error: string, status: RefusalStatus = 409) =>
	refuse(locale, status, `error_training_${error}`, { action });

export const actions = {
	save: async ({ params, request, locals }) => {
		const form = await readForm(request, trainingDetailsSchema, locals.locale);
		if (form.values.more === 'rows')
			return { action: 'save', values: form.values, rows: sessionRowsOf(form.values, true) };
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		const result = await updateTraining(
			getDb(),
			signedInUser(locals).id,
			params.training,
			form.data
		);
		if (!result.ok && result.error === 'no_training')
			notFound(locals.locale, 'error_training_no_training');
		if (!result.ok) return refused(locals.locale, 'save', result.error);
		return { action: 'save', done: true };
	},
	addSkill: async (event) => addSkillAction('training', event.params.training, event),
	removeSkill: async (event) => removeSkillAction('training', event.params.training, event),
	move: async ({ params, request, locals }) => {
		const form = await readForm(request, roleMoveSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'move', errors: form.errors });
		const result = await moveTraining(
			getDb(),
			signedInUser(locals).id,
			params.training,
			form.data.move
		);
		if (!result.ok && result.error === 'no_training')
			notFound(locals.locale, 'error_training_no_training');
		if (!result.ok) return refused(locals.locale, 'move', result.error);
		return { action: 'move', done: true };
	}
} satisfies Actions;
