import * as m from '$lib/paraglide/messages';

/** Labels shared by several pages, keyed by the values stored in the database. */
export const backgroundLabels = {
	former_soldier: m.background_former_soldier,
	former_police: m.background_former_police,
	family: m.background_family,
	other: m.background_other
};

/** Choices for the optional background, "prefer not to say" first. */
export const backgroundChoices = [['', m.background_none], ...Object.entries(backgroundLabels)] as [string, () => string][];

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
