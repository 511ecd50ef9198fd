/** An application's states. */
export const APPLICATION_STATUSES = [
	'applied',
	'shortlisted',
	'accepted',
	'declined',
	'withdrawn'
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What an organization decides on an application. */
export const APPLICATION_DECISIONS = ['shortlist', 'accept', 'decline'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

/** The two sides of an application: who wrote a message, moved it, or closed its thread. */
export const SIDES = ['learner', 'organization'] as const;
export type Side = (typeof SIDES)[number];
