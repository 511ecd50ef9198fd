/** Kinds of partner organization. Kept apart from the zod schemas so pages import no zod. */
export const orgKinds = [
	'defection_support',
	'ero',
	'clinic',
	'ngo',
	'government',
	'other'
] as const;

/** Where an organization works (as a learner's profile areas, without "prefer not to say"). */
export const orgAreas = [
	'liberated_myanmar',
	'mae_sot',
	'thai_border',
	'india_border',
	'elsewhere'
] as const;
