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
