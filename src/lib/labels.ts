import * as m from '$lib/paraglide/messages';

/** Labels shared by several pages, keyed by the values stored in the database. */
export const backgroundLabels = {
	former_soldier: m.background_former_soldier,
	former_police: m.background_former_police,
	family: m.background_family,
	other: m.background_other
};

/** Choices for the optional background, "prefer not to say" first. */
export const backgroundChoices = [['', m.background_none], ...Object.entries(backgroundLabels)] as [
	string,
	() => string
][];
