import { getDb } from '$lib/server/db';
import { notFound } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import { badgeFor } from '$lib/server/news';
import { trainingMessageAction } from '$lib/server/http/message-action';
import { orgTraining } from '$lib/server/trainings/organization';
import { orgSawThread, orgThread } from '$lib/server/trainings/messages';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const memberId = signedInUser(locals).id;
	const thread = await orgThread(getDb(), memberId, params.training, params.place);
	const training = await orgTraining(getDb(), memberId, params.training);
	if (!thread || !training) notFound(locals.locale, 'error_no_training');
	await orgSawThread(getDb(), params.place);
	return {
		training: { id: training.id, title: { my: training.title_my, en: training.title_en } },
		thread,
		// Seen now: the menu's count after it (the layout's was counted before).
		badge: await badgeFor(getDb(), signedInUser(locals))
	};
}) satisfies PageServerLoad;

export const actions = {
	// The organization writes to this participant.
	message: trainingMessageAction
} satisfies Actions;
