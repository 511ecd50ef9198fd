/**
 * Trainings: in-person courses an organization gives to a group on set days (sewing, cooking,
 * small trade), with a fixed number of places. Their states are a role's (draft → submitted →
 * approved → open → closed, reviewed by an administrator), from ./roles.
 */

/** Who a training is meant for. */
export const TRAINING_AUDIENCES = ['families', 'former_soldiers', 'everyone'] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];

/** What a training provides its participants. */
export const TRAINING_PROVISIONS = [
	'materials',
	'meals',
	'travel_money',
	'childcare',
	'stipend'
] as const;
export type TrainingProvision = (typeof TRAINING_PROVISIONS)[number];

/**
 * Where a learner stands with a training's places:
 * - holding: has a place;
 * - waiting: on the waitlist, in the order of asking;
 * - offered: a freed place is held for them until they confirm, or the time runs out;
 * - withdrawn: left (a place held is offered on); declined: refused or let an offer lapse.
 */
export const PLACE_STATES = ['holding', 'waiting', 'offered', 'withdrawn', 'declined'] as const;
export type PlaceState = (typeof PLACE_STATES)[number];

/** The states of a learner still in line for a training or in it (the others have left it). */
export const STANDING_STATES = [
	'holding',
	'waiting',
	'offered'
] as const satisfies readonly PlaceState[];
export type Standing = (typeof STANDING_STATES)[number];

/** A participant's attendance at one session, as the organization marks it. */
export const ATTENDANCE_MARKS = ['present', 'absent', 'excused'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
