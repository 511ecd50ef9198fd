import * as m from '$lib/paraglide/messages';

/** Labels for the pages of organizations and administrators (a chunk learners never load). */
export const orgKindLabels = {
	defection_support: m.org_kind_defection_support,
	ero: m.org_kind_ero,
	clinic: m.org_kind_clinic,
	ngo: m.org_kind_ngo,
	government: m.org_kind_government,
	other: m.org_kind_other
};

export const orgStatusLabels = {
	pending: m.org_status_pending,
	vetted: m.org_status_vetted,
	rejected: m.org_status_rejected,
	suspended: m.org_status_suspended
};

export const orgDecisionLabels = {
	vet: m.admin_decision_vet,
	reject: m.admin_decision_reject,
	suspend: m.admin_decision_suspend,
	reinstate: m.admin_decision_reinstate
};

export const orgAreaLabels = {
	liberated_myanmar: m.org_area_liberated_myanmar,
	mae_sot: m.org_area_mae_sot,
	thai_border: m.org_area_thai_border,
	india_border: m.org_area_india_border,
	elsewhere: m.org_area_elsewhere
};

export const roleKindLabels = {
	medical_volunteer: m.org_role_kind_medical_volunteer,
	trainer: m.org_role_kind_trainer,
	trainee: m.org_role_kind_trainee,
	livelihood_training: m.org_role_kind_livelihood_training,
	paid_job: m.org_role_kind_paid_job,
	apprenticeship: m.org_role_kind_apprenticeship,
	remote_work: m.org_role_kind_remote_work
};

export const roleAvailabilityLabels = {
	full_time: m.org_role_availability_full_time,
	part_time: m.org_role_availability_part_time,
	volunteer: m.org_role_availability_volunteer
};

export const roleStatusLabels = {
	draft: m.org_role_status_draft,
	submitted: m.org_role_status_submitted,
	approved: m.org_role_status_approved,
	open: m.org_role_status_open,
	closed: m.org_role_status_closed
};

export const roleMoveLabels = {
	submit: m.org_role_move_submit,
	withdraw: m.org_role_move_withdraw,
	open: m.org_role_move_open,
	close: m.org_role_move_close
};

export const skillLevelLabels = { 1: m.org_level_1, 2: m.org_level_2, 3: m.org_level_3 } as Record<
	number,
	() => string
>;

export const orgApplicationStatusLabels = {
	applied: m.org_application_status_applied,
	shortlisted: m.org_application_status_shortlisted,
	accepted: m.org_application_status_accepted,
	declined: m.org_application_status_declined,
	withdrawn: m.org_application_status_withdrawn
} as Record<string, () => string>;

export const orgApplicationDecisionLabels = {
	shortlist: m.org_application_shortlist,
	accept: m.org_application_accept,
	decline: m.org_application_decline
};
