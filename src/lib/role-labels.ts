import * as m from '$lib/paraglide/messages';

/** Labels of roles as learners read them (the organizations' pages have their own, in the staff chunk). */
export const roleKindNames = {
	medical_volunteer: m.role_kind_medical_volunteer,
	trainer: m.role_kind_trainer,
	trainee: m.role_kind_trainee,
	livelihood_training: m.role_kind_livelihood_training,
	paid_job: m.role_kind_paid_job,
	apprenticeship: m.role_kind_apprenticeship,
	remote_work: m.role_kind_remote_work
} as Record<string, () => string>;

export const roleTimeNames = {
	full_time: m.availability_full_time,
	part_time: m.availability_part_time,
	volunteer: m.availability_volunteer
} as Record<string, () => string>;

export const areaNames = {
	liberated_myanmar: m.area_liberated_myanmar,
	mae_sot: m.area_mae_sot,
	thai_border: m.area_thai_border,
	india_border: m.area_india_border,
	elsewhere: m.area_elsewhere
} as Record<string, () => string>;
