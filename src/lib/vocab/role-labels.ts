import * as m from '$lib/paraglide/messages';
import { AREAS, type Area } from './areas';
import { isOneOf } from './one-of';
import { AVAILABILITY, type Availability, type Visibility } from './profile';
import type { RoleKind } from './roles';

/** Kinds of role as learners read them. */
export const roleKindNames = {
	medical_volunteer: m.role_kind_medical_volunteer,
	trainer: m.role_kind_trainer,
	trainee: m.role_kind_trainee,
	livelihood_training: m.role_kind_livelihood_training,
	paid_job: m.role_kind_paid_job,
	apprenticeship: m.role_kind_apprenticeship,
	remote_work: m.role_kind_remote_work
} satisfies Record<RoleKind, () => string>;

/** The time a role asks for, or a learner can give. */
export const roleTimeNames = {
	full_time: m.availability_full_time,
	part_time: m.availability_part_time,
	volunteer: m.availability_volunteer
} satisfies Record<Availability, () => string>;

/** Where a role is, or a learner ("prefer not to say" only for a learner). */
export const areaNames = {
	liberated_myanmar: m.area_liberated_myanmar,
	mae_sot: m.area_mae_sot,
	thai_border: m.area_thai_border,
	india_border: m.area_india_border,
	elsewhere: m.area_elsewhere,
	unsaid: m.area_unsaid
} satisfies Record<Area, () => string>;

/** An area or a time as matching keeps them (plain words); an unknown word shows as it is. */
export const areaName = (value: string) => (isOneOf(AREAS, value) ? areaNames[value]() : value);
export const roleTimeName = (value: string) =>
	isOneOf(AVAILABILITY, value) ? roleTimeNames[value]() : value;

/** Who may see a learner's profile. */
export const visibilityNames = {
	hidden: m.visibility_hidden,
	vetted: m.visibility_vetted,
	applied: m.visibility_applied
} satisfies Record<Visibility, () => string>;
