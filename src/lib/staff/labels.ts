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
