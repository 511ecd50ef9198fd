/** The words for a training's values (./trainings.ts), for learners and organizations alike. */
import * as m from '$lib/paraglide/messages';
import type { AttendanceMark, PlaceState, TrainingAudience, TrainingProvision } from './trainings';

export const placeStateNames = {
	holding: m.training_place_holding,
	waiting: m.training_place_waiting,
	offered: m.training_place_offered,
	withdrawn: m.training_place_withdrawn,
	declined: m.training_place_declined
} satisfies Record<PlaceState, () => string>;

export const trainingAudienceNames = {
	families: m.training_audience_families,
	former_soldiers: m.training_audience_former_soldiers,
	everyone: m.training_audience_everyone
} satisfies Record<TrainingAudience, () => string>;

export const provisionNames = {
	materials: m.training_provided_materials,
	meals: m.training_provided_meals,
	travel_money: m.training_provided_travel_money,
	childcare: m.training_provided_childcare,
	stipend: m.training_provided_stipend
} satisfies Record<TrainingProvision, () => string>;

export const attendanceMarkNames = {
	present: m.training_mark_present,
	absent: m.training_mark_absent,
	excused: m.training_mark_excused
} satisfies Record<AttendanceMark, () => string>;
