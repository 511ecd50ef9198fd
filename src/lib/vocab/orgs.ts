/** Kinds of partner organization. */
export const ORG_KINDS = [
	'defection_support',
	'ero',
	'clinic',
	'ngo',
	'government',
	'other'
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** An organization's standing with Lanpya's administrators. */
export const ORG_STATUSES = ['pending', 'vetted', 'rejected', 'suspended'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

/** An administrator's decisions on an organization. */
export const ORG_DECISIONS = ['vet', 'reject', 'suspend', 'reinstate'] as const;
export type OrgDecision = (typeof ORG_DECISIONS)[number];

/** A member's place in an organization. */
export const ORG_MEMBER_ROLES = ['owner', 'member'] as const;
export type OrgMemberRole = (typeof ORG_MEMBER_ROLES)[number];
