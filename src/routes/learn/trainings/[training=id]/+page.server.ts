import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import {
	answerOffer,
	askForPlace,
	withdrawPlace,
	type PlaceError
} from '$lib/server/trainings/places';
import { trainingForLearner } from '$lib/server/trainings/listing';
import { learnerTrainingNews } from '$lib/server/trainings/messages';
import { placeActSchema, placeLeaveSchema } from '$lib/schemas/training-place';
import type { Locale } from '$lib/server/schema';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const training = await trainingForLearner(
		getDb(),
		signedInUser(locals).id,
		params.training,
		locals.locale
	);
	if (!training) notFound(locals.locale, 'error_place_not_found');
	const news = (await learnerTrainingNews(getDb(), signedInUser(locals).id)).includes(
		params.training
	);
	return { training, news };
}) satisfies PageServerLoad;

/** A refused act on a place, in the learner's words: not a learner (403), not now (409). */
function placeRefusal(locale: Locale, error: PlaceError) {
	return refuse(locale, error === 'not_allowed' ? 403 : 409, `error_place_${error}`);
}

export const actions = {
	ask: async ({ params, request, locals }) => {
		const form = await readForm(request, placeActSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await askForPlace(getDb(), signedInUser(locals).id, params.training);
		if (!result.ok) return placeRefusal(locals.locale, result.error);
		return { done: result.state === 'holding' ? 'holding' : 'waiting' } as const;
	},
	accept: async ({ params, request, locals }) => {
		const form = await readForm(request, placeActSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await answerOffer(getDb(), signedInUser(locals).id, params.training, true);
		if (!result.ok) return placeRefusal(locals.locale, result.error);
		return { done: 'accepted' } as const;
	},
	decline: async ({ params, request, locals }) => {
		const form = await readForm(request, placeLeaveSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await answerOffer(getDb(), signedInUser(locals).id, params.training, false);
		if (!result.ok) return placeRefusal(locals.locale, result.error);
		return { done: 'declined' } as const;
	},
	withdraw: async ({ params, request, locals }) => {
		const form = await readForm(request, placeLeaveSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await withdrawPlace(getDb(), signedInUser(locals).id, params.training);
		if (!result.ok) return placeRefusal(locals.locale, result.error);
		return { done: 'withdrawn' } as const;
	}
} satisfies Actions;
