/** The words for where a learner stands with a training's places (./trainings.ts). */
import * as m from '$lib/paraglide/messages';
import type { PlaceState } from './trainings';

export const placeStateNames = {
	holding: m.training_place_holding,
	waiting: m.training_place_waiting,
	offered: m.training_place_offered,
	withdrawn: m.training_place_withdrawn,
	declined: m.training_place_declined
} satisfies Record<PlaceState, () => string>;
