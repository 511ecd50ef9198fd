/** Kinds of role an organization offers. */
export const ROLE_KINDS = [
	'medical_volunteer',
	'trainer',
	'trainee',
	'livelihood_training',
	'paid_job',
	'apprenticeship',
	'remote_work'
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** A role's states, in the order it moves through them (see server/roles/editing.ts). */
export const ROLE_STATUSES = ['draft', 'submitted', 'approved', 'open', 'closed'] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];

/** What an organization does to move its role from one state to the next. */
export const ROLE_MOVES = ['submit', 'withdraw', 'open', 'close'] as const;
export type RoleMove = (typeof ROLE_MOVES)[number];

/** An administrator's answer to something an organization sent for review (a role, a course). */
export const REVIEW_DECISIONS = ['approve', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
