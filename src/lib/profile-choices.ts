/** The fixed choices of a learner's profile. Kept apart from the zod schemas so pages import no zod. */
export const AREAS = [
	'liberated_myanmar',
	'mae_sot',
	'thai_border',
	'india_border',
	'elsewhere',
	'unsaid'
] as const;
export const AVAILABILITY = ['full_time', 'part_time', 'volunteer'] as const;
export const VISIBILITY = ['hidden', 'vetted', 'applied'] as const;
export const LEVELS = ['basic', 'working', 'teach'] as const;
