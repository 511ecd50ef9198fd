/** Where an organization or a role works. */
export const ORG_AREAS = [
	'liberated_myanmar',
	'mae_sot',
	'thai_border',
	'india_border',
	'elsewhere'
] as const;
export type OrgArea = (typeof ORG_AREAS)[number];

/** Where a learner is: an organization's areas, or "prefer not to say". */
export const AREAS = [...ORG_AREAS, 'unsaid'] as const;
export type Area = (typeof AREAS)[number];
