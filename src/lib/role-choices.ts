/** The fixed choices of a role. Kept apart from the zod schemas so pages import no zod. */
export const roleKinds = [
	'medical_volunteer',
	'trainer',
	'trainee',
	'livelihood_training',
	'paid_job',
	'apprenticeship',
	'remote_work'
] as const;
export const roleAvailability = ['full_time', 'part_time', 'volunteer'] as const;
/** At most this many skills per role. */
export const ROLE_SKILLS_MAX = 12;
