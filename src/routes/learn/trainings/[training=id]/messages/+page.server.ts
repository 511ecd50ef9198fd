import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import { badgeFor } from '$lib/server/news';
import { trainingMessageAction } from '$lib/server/http/message-action';
import { learnerSawTraining, learnerThread, muteTraining } from '$lib/server/trainings/messages';
import { trainingMuteSchema } from '$lib/schemas/training-cohort';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const userId = signedInUser(locals).id;
	const thread = await learnerThread(getDb(), userId, params.training);
	if (!thread) notFound(locals.locale, 'error_no_training');
	await learnerSawTraining(getDb(), userId, params.training);
	// Seen now: the menu's count after it (the layout's was counted before).
	return {
		thread,
		trainingId: params.training,
		badge: await badgeFor(getDb(), signedInUser(locals))
	};
}) satisfies PageServerLoad;

export const actions = {
	message: trainingMessageAction,
	mute: async ({ params, request, locals }) => {
		const form = await readForm(request, trainingMuteSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await muteTraining(
			getDb(),
			signedInUser(locals).id,
			params.training,
			form.data.change === 'mute'
		);
		if (!result.ok) notFound(locals.locale, 'error_no_training');
		return { muted: form.data.change === 'mute' };
	}
} satisfies Actions;
